package org.studygate;

import java.net.ServerSocket;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.junit.jupiter.api.Test;
import org.studygate.access.GrantScope;
import org.studygate.access.ShareRequest;
import org.studygate.access.Sharing;
import org.studygate.department.Department;
import org.studygate.directory.UserId;
import org.studygate.study.StudyId;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A notification whose mail server was down when the share committed is not lost: its
 * publication stays failed in the registry, and the retry delivers it once the server is
 * back.
 */
@StudygateTest
class FailedEventRetriesTests {

	static final int PORT = freePort();

	@DynamicPropertySource
	static void mailServerThatIsDownAtFirst(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> PORT);
		registry.add("studygate.events.retry-after", () -> "PT0S");
		registry.add("studygate.events.retry-interval", () -> "PT1H");
	}

	@Autowired
	Fixtures fixtures;

	@Autowired
	Sharing sharing;

	@Autowired
	FailedEventRetries retries;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aNotificationThatFailedWhileTheMailServerWasDownIsDeliveredWhenItIsBack() throws Exception {
		Department department = fixtures.department("Radiology Retry");
		String number = Fixtures.physicianNumber();
		UserId sender = fixtures.physician("Dr Patient Sender", number);
		UserId colleague = fixtures.physician("Dr Later Reader", Fixtures.physicianNumber());
		StudyId study = fixtures.study(department, "Maes^Lore", LocalDate.of(2026, 5, 6), number);

		sharing.share(fixtures.actor(sender),
				new ShareRequest(List.of(study),
						List.of(new ShareRequest.Recipient(ShareRequest.RecipientType.USER, colleague.value())),
						GrantScope.IMAGES, false, null, "when you have a moment", true));
		awaitFailedPublicationOf(study);

		GreenMail smtp = new GreenMail(new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		smtp.start();
		try {
			retries.retryFailed();

			assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
			assertThat(smtp.getReceivedMessages()[0].getAllRecipients()[0].toString())
				.isEqualTo(fixtures.usernameOf(colleague));
		}
		finally {
			smtp.stop();
		}
	}

	private void awaitFailedPublicationOf(StudyId study) {
		await("the notification failed while the mail server was down").atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> jdbc.sql("""
					select status from event_publication
					where event_type like '%ShareNotificationQueued' and serialized_event like :study
					""").param("study", "%" + study + "%").query(String.class).optional().orElse(null),
					"FAILED"::equals);
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
