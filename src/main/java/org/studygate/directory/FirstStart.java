package org.studygate.directory;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.studygate.directory.setup.DirectorySetup;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * When no service-desk account exists, creates {@code admin} with the password in
 * {@code STUDYGATE_ADMIN_PASSWORD}, or with a random one that is printed once. The
 * account's creation is in the administration log like any other, by the system.
 */
@Component
@Order(0)
class FirstStart implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(FirstStart.class);

	private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

	private final Users users;

	private final DirectorySetup setup;

	private final String configuredPassword;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	FirstStart(Users users, DirectorySetup setup, @Value("${studygate.admin-password:}") String configuredPassword,
			ApplicationEventPublisher events, Clock clock) {
		this.users = users;
		this.setup = setup;
		this.configuredPassword = configuredPassword;
		this.events = events;
		this.clock = clock;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (users.hasServiceDesk()) {
			return;
		}
		boolean random = configuredPassword == null || configuredPassword.isBlank();
		String password = random ? randomPassword() : configuredPassword;
		UserId admin = setup.createUser(
				new NewUser("admin", "Service desk", new Password(password), List.of(), null, null, "en", false, true));
		events.publishEvent(new UserCreated(clock.instant(), Actor.system("first start").asAuditActor(),
				users.find(admin).orElseThrow()));
		if (random) {
			log.warn("Created the service-desk account 'admin' with the password {} — it is shown only this once.",
					password);
		}
		else {
			log.info("Created the service-desk account 'admin' with the password from STUDYGATE_ADMIN_PASSWORD.");
		}
	}

	private static String randomPassword() {
		SecureRandom random = new SecureRandom();
		StringBuilder password = new StringBuilder();
		for (int i = 0; i < 14; i++) {
			password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
		}
		return password.append(random.nextInt(10)).append('a').toString();
	}

}
