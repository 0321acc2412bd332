package org.studygate.mail;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * Chooses the mail port: SMTP when Spring Boot configured a mail sender (that is, when
 * {@code spring.mail.host} is set), otherwise the skipping port, so that a run without a
 * mail server still shares studies.
 */
@Configuration(proxyBeanMethods = false)
class MailConfiguration {

	@Bean
	MailPort mailPort(ObjectProvider<JavaMailSender> sender,
			@Value("${studygate.mail.from:studygate@localhost}") String from) {
		JavaMailSender available = sender.getIfAvailable();
		return available == null ? new SkippingMailPort() : new SmtpMailPort(available, from);
	}

}
