package org.studygate.sms;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends through an HTTP SMS gateway: {@code POST <gateway-url>} with {@code {"to":
 * "+32...", "text": "..."}} as JSON and {@code Authorization: Bearer <token>}; any 2xx
 * answer is an acceptance, anything else a refusal. Times out after 10 seconds.
 */
class HttpSmsGateway implements SmsPort {

	private static final Logger log = LoggerFactory.getLogger(HttpSmsGateway.class);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final URI url;

	private final String token;

	private final JsonMapper json;

	HttpSmsGateway(URI url, String token, JsonMapper json) {
		this.url = url;
		this.token = token;
		this.json = json;
	}

	@Override
	public void send(SmsMessage message) {
		String body = json.writeValueAsString(java.util.Map.of("to", message.to(), "text", message.text()));
		HttpRequest.Builder request = HttpRequest.newBuilder(url)
			.timeout(Duration.ofSeconds(10))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (token != null && !token.isBlank()) {
			request.header("Authorization", "Bearer " + token);
		}
		try {
			HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
			if (response.statusCode() / 100 != 2) {
				throw new SmsRefused("the SMS gateway answered " + response.statusCode());
			}
			log.info("SMS to {} accepted by the gateway", message.maskedTo());
		}
		catch (IOException ex) {
			throw new SmsRefused("the SMS gateway could not be reached", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new SmsRefused("interrupted while sending an SMS", ex);
		}
	}

	@Override
	public boolean delivers() {
		return true;
	}

}
