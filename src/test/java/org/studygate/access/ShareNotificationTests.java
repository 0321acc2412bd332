package org.studygate.access;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.studygate.Fixtures;
import org.studygate.StudygateTest;
import org.studygate.department.Department;
import org.studygate.directory.GroupId;
import org.studygate.directory.GroupNotification;
import org.studygate.directory.Groups;
import org.studygate.directory.MembershipRole;
import org.studygate.directory.UserId;
import org.studygate.directory.setup.DirectorySetup;
import org.studygate.study.StudyId;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Share notifications leave through the SMTP port after the share committed, to a real
 * SMTP server (GreenMail) in the test JVM: the patient only by initials, a group per its
 * setting.
 */
@StudygateTest
class ShareNotificationTests {

	static final GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

	static {
		smtp.start();
	}

	@DynamicPropertySource
	static void mailServer(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
	}

	@AfterAll
	static void stop() {
		smtp.stop();
	}

	@Autowired
	Fixtures fixtures;

	@Autowired
	Sharing sharing;

	@Autowired
	Groups groups;

	@Autowired
	DirectorySetup setup;

	Department department;

	String requesterNumber;

	UserId requester;

	StudyId study;

	@BeforeEach
	void setUp() throws Exception {
		smtp.purgeEmailFromAllMailboxes();
		department = fixtures.department("Radiology Mail");
		requesterNumber = Fixtures.physicianNumber();
		requester = fixtures.physician("Dr Sender", requesterNumber);
		study = fixtures.study(department, "Peeters^Ann Marie", LocalDate.of(2026, 4, 2), requesterNumber);
	}

	@Test
	void aUserIsToldWithThePatientsInitialsOnly() throws Exception {
		UserId colleague = fixtures.physician("Dr Receiver", Fixtures.physicianNumber());

		share(List.of(new ShareRequest.Recipient(ShareRequest.RecipientType.USER, colleague.value())),
				"Please look at the lungs");

		assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
		MimeMessage mail = smtp.getReceivedMessages()[0];
		String body = GreenMailUtil.getBody(mail);
		assertThat(recipients(smtp.getReceivedMessages())).containsExactly(fixtures.usernameOf(colleague));
		assertThat(mail.getSubject()).contains("Dr Sender");
		assertThat(body).contains("A.M.P.").contains("Please look at the lungs").contains("/studies/" + study);
		assertThat(body).doesNotContain("Peeters").doesNotContain("Ann");
	}

	@Test
	void aGroupIsToldThroughItsPrimaryContactOrEveryMemberAsItChose() throws Exception {
		UserId contact = fixtures.physician("Dr Contact", Fixtures.physicianNumber());
		UserId member = fixtures.physician("Dr Member", Fixtures.physicianNumber());
		GroupId practice = fixtures.practice("Practice Mail");
		setup.addMember(practice, contact, MembershipRole.MEMBER, true);
		setup.addMember(practice, member, MembershipRole.MEMBER, false);

		share(List.of(new ShareRequest.Recipient(ShareRequest.RecipientType.GROUP, practice.value())), null);
		assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
		assertThat(recipients(smtp.getReceivedMessages())).containsExactly(fixtures.usernameOf(contact));

		smtp.purgeEmailFromAllMailboxes();
		groups.changeNotification(org.studygate.directory.Actor.systemOperator("test"), practice,
				GroupNotification.ALL_MEMBERS);
		share(List.of(new ShareRequest.Recipient(ShareRequest.RecipientType.GROUP, practice.value())), null);
		assertThat(smtp.waitForIncomingEmail(10_000, 2)).isTrue();
		assertThat(recipients(smtp.getReceivedMessages())).containsExactlyInAnyOrder(fixtures.usernameOf(contact),
				fixtures.usernameOf(member));
	}

	@Test
	void noMailLeavesWhenTheSharerAsksForNone() throws Exception {
		UserId colleague = fixtures.physician("Dr Quiet", Fixtures.physicianNumber());

		sharing.share(fixtures.actor(requester),
				new ShareRequest(List.of(study),
						List.of(new ShareRequest.Recipient(ShareRequest.RecipientType.USER, colleague.value())),
						GrantScope.IMAGES, false, null, null, false));

		assertThat(smtp.waitForIncomingEmail(1_500, 1)).isFalse();
	}

	private void share(List<ShareRequest.Recipient> recipients, String message) {
		sharing.share(fixtures.actor(requester),
				new ShareRequest(List.of(study), recipients, GrantScope.IMAGES, false, null, message, true));
	}

	private static Set<String> recipients(MimeMessage[] messages) throws Exception {
		return Arrays.stream(messages).flatMap(m -> {
			try {
				return Arrays.stream(m.getRecipients(Message.RecipientType.TO)).map(Object::toString);
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}).collect(Collectors.toSet());
	}

}
