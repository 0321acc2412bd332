package org.studygate.sms;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SMS gateway client against a local HTTP server speaking the gateway's protocol. */
class HttpSmsGatewayTests {

	private final JsonMapper json = JsonMapper.builder().build();

	private final List<String> bodies = new CopyOnWriteArrayList<>();

	private final List<String> authorizations = new CopyOnWriteArrayList<>();

	private HttpServer server;

	private volatile int status = 202;

	@BeforeEach
	void startGateway() throws IOException {
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/messages", exchange -> {
			bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
			authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
			exchange.sendResponseHeaders(status, -1);
			exchange.close();
		});
		server.start();
	}

	@AfterEach
	void stopGateway() {
		server.stop(0);
	}

	private HttpSmsGateway gateway() {
		return new HttpSmsGateway(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/messages"),
				"gateway-token", json);
	}

	@Test
	void postsTheMessageAsJsonWithTheBearerToken() {
		gateway().send(new SmsMessage("+32470123456", "Studygate: your one-time password is 123456."));

		assertThat(bodies).hasSize(1);
		JsonNode body = json.readTree(bodies.get(0));
		assertThat(body.get("to").asString()).isEqualTo("+32470123456");
		assertThat(body.get("text").asString()).contains("123456");
		assertThat(authorizations).containsExactly("Bearer gateway-token");
	}

	@Test
	void aRefusalOfTheGatewayIsAnError() {
		status = 503;
		assertThatThrownBy(() -> gateway().send(new SmsMessage("+32470123456", "text"))).isInstanceOf(SmsRefused.class)
			.hasMessageContaining("503")
			.hasMessageNotContaining("text");
	}

	@Test
	void anUnreachableGatewayIsAnError() {
		server.stop(0);
		assertThatThrownBy(() -> gateway().send(new SmsMessage("+32470123456", "text"))).isInstanceOf(SmsRefused.class);
	}

	@Test
	void aMessageNamesItsNumberOnlyMasked() {
		SmsMessage message = new SmsMessage("+32470123456", "secret 123456");
		assertThat(message.toString()).doesNotContain("123456").doesNotContain("+3247");
		assertThat(message.maskedTo()).endsWith("56").doesNotContain("470");
	}

}
