package org.studygate.sms;

import java.net.URI;
import java.time.Clock;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The gateway client when {@code studygate.sms.gateway-url} is set, else the demo outbox.
 */
@Configuration(proxyBeanMethods = false)
class SmsConfiguration {

	@Bean
	SmsPort smsPort(@Value("${studygate.sms.gateway-url:}") String url, @Value("${studygate.sms.token:}") String token,
			JsonMapper json, Clock clock) {
		if (url == null || url.isBlank()) {
			return new SmsOutbox(clock);
		}
		return new HttpSmsGateway(URI.create(url), token, json);
	}

}
