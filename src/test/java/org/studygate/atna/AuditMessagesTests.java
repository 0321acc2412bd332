package org.studygate.atna;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.studygate.audit.AuditEntry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Access log entries as DICOM audit messages in RFC 5424 frames: each kind of entry
 * becomes the message its meaning calls for, and every message is valid against the
 * schema.
 */
class AuditMessagesTests {

	static final Instant AT = Instant.parse("2026-03-02T10:15:30.123Z");

	static final AtnaProperties SETTINGS = new AtnaProperties("tcp://localhost:1", "Sint-Jan", "studygate-test", null,
			null, "node1", null, null, null, null, null, null, null, null, null, null);

	final AuditMessages messages = new AuditMessages(SETTINGS, "node1");

	final SyslogFrames frames = new SyslogFrames("node1", "studygate", "IHE+RFC-3881");

	static AuditEntry entry(String action, String outcome, UUID study, Map<String, String> details) {
		return new AuditEntry(7, AT, "USER", "u-1", "Dr Anna Peeters", "EXPLORE", action, outcome, study, "10.1.2.3",
				"Mozilla\u0001", details);
	}

	SyslogMessage message(AuditEntry entry, StudySubject subject) {
		return SyslogMessage.parse(frames.message(entry.at(), 42, messages.of(entry, subject)));
	}

	@Test
	void aStudyViewIsDicomInstancesAccessedNamingTheStudyAndThePatient() {
		SyslogMessage message = message(entry("STUDY_OPENED", "SUCCESS", UUID.randomUUID(), Map.of()),
				new StudySubject("1.2.840.1.2.3", "PID-77"));
		assertThat(message.eventId()).isEqualTo("110103");
		assertThat(message.xpath("/AuditMessage/EventIdentification/@EventActionCode")).isEqualTo("R");
		assertThat(message.xpath("/AuditMessage/EventIdentification/@EventOutcomeIndicator")).isEqualTo("0");
		assertThat(message.action()).isEqualTo("STUDY_OPENED");
		assertThat(message.xpath(
				"//ParticipantObjectIdentification[ParticipantObjectIDTypeCode/@csd-code='110180']/@ParticipantObjectID"))
			.isEqualTo("1.2.840.1.2.3");
		assertThat(message
			.xpath("//ParticipantObjectIdentification[@ParticipantObjectTypeCodeRole='1']/@ParticipantObjectID"))
			.isEqualTo("PID-77");
		assertThat(message.xpath("//ActiveParticipant[@UserIsRequestor='true']/@UserID")).isEqualTo("u-1");
		assertThat(message.xpath("//ActiveParticipant[@UserIsRequestor='true']/@NetworkAccessPointID"))
			.isEqualTo("10.1.2.3");
		assertThat(message.xpath("//AuditSourceIdentification/@AuditEnterpriseSiteID")).isEqualTo("Sint-Jan");
		assertThat(message.xpath("//AuditSourceIdentification/@AuditSourceID")).isEqualTo("studygate-test");
	}

	@Test
	void aRefusedViewHasOutcomeFourAndSaysSo() {
		SyslogMessage message = message(entry("IMAGES_VIEWED", "DENIED", UUID.randomUUID(), Map.of()), null);
		assertThat(message.xpath("/AuditMessage/EventIdentification/@EventOutcomeIndicator")).isEqualTo("4");
		assertThat(message.xpath("/AuditMessage/EventIdentification/EventOutcomeDescription")).isEqualTo("DENIED");
	}

	@Test
	void aListingIsAQueryCarryingItsTerms() {
		SyslogMessage message = message(entry("STUDIES_LISTED", "SUCCESS", null, Map.of("patientName", "Peeters")),
				null);
		assertThat(message.eventId()).isEqualTo("110112");
		assertThat(new String(java.util.Base64.getDecoder().decode(message.xpath("//ParticipantObjectQuery"))))
			.contains("patientName=Peeters");
	}

	@Test
	void forwardsAndDownloadsAreBeginTransferringWithTheDestination() {
		SyslogMessage forward = message(
				entry("FORWARDED", "SUCCESS", UUID.randomUUID(), Map.of("destination", "PACS-B")),
				new StudySubject("1.2.3", "P1"));
		assertThat(forward.eventId()).isEqualTo("110102");
		assertThat(forward.xpath("//ActiveParticipant[RoleIDCode/@csd-code='110152']/@UserID")).isEqualTo("PACS-B");
		assertThat(message(entry("DOWNLOAD", "SUCCESS", UUID.randomUUID(), Map.of()), null).eventId())
			.isEqualTo("110102");
	}

	@Test
	void aFailedLoginIsUserAuthenticationWithOutcomeFour() {
		SyslogMessage message = message(entry("STAFF_LOGIN", "FAILURE", null, Map.of()), null);
		assertThat(message.eventId()).isEqualTo("110114");
		assertThat(message.xpath("//EventTypeCode[@codeSystemName='DCM']/@csd-code")).isEqualTo("110122");
		assertThat(message.xpath("/AuditMessage/EventIdentification/@EventOutcomeIndicator")).isEqualTo("4");
	}

	@Test
	void breakTheGlassIsASecurityAlertOfEmergencyOverride() {
		SyslogMessage started = message(entry("STUDY_UNLOCKED", "SUCCESS", UUID.randomUUID(), Map.of()), null);
		assertThat(started.eventId()).isEqualTo("110113");
		assertThat(started.xpath("//EventTypeCode[@codeSystemName='DCM']/@csd-code")).isEqualTo("110127");
		SyslogMessage stopped = message(entry("UNLOCK_EXPIRED", "SUCCESS", UUID.randomUUID(), Map.of()), null);
		assertThat(stopped.xpath("//EventTypeCode[@codeSystemName='DCM']/@csd-code")).isEqualTo("110138");
	}

	@Test
	void theRisFeedsChangesAreOrderAndPatientRecordEvents() {
		assertThat(message(entry("STUDY_REGISTERED", "SUCCESS", UUID.randomUUID(), Map.of()), null).eventId())
			.isEqualTo("110109");
		SyslogMessage merged = message(entry("PATIENT_MERGED", "SUCCESS", UUID.randomUUID(), Map.of("prior", "P0")),
				new StudySubject("1.2.3", "P1"));
		assertThat(merged.eventId()).isEqualTo("110110");
		assertThat(merged.xpath("/AuditMessage/EventIdentification/@EventActionCode")).isEqualTo("U");
	}

	@Test
	void administrationEntriesAreSecurityAlerts() {
		SyslogMessage user = message(entry("USER_CREATED", "SUCCESS", null, Map.of("username", "x")), null);
		assertThat(user.eventId()).isEqualTo("110113");
		assertThat(user.xpath("//EventTypeCode[@codeSystemName='DCM']/@csd-code")).isEqualTo("110137");
	}

	@Test
	void theFrameCarriesThePriorityHeaderAndTheChainPosition() {
		SyslogMessage message = message(entry("STUDY_OPENED", "SUCCESS", null, Map.of()), null);
		assertThat(message.pri()).isEqualTo(85);
		assertThat(message.timestamp()).isEqualTo("2026-03-02T10:15:30.123Z");
		assertThat(message.hostname()).isEqualTo("node1");
		assertThat(message.appName()).isEqualTo("studygate");
		assertThat(message.msgId()).isEqualTo("IHE+RFC-3881");
		assertThat(message.sequenceId()).isEqualTo(42);
		assertThat(SyslogFrames.sequenceId(2_147_483_648L)).isEqualTo(1);
	}

	@Test
	void controlCharactersNeverBreakTheXml() {
		AuditEntry entry = new AuditEntry(1, AT, "USER", "u\u0000", "Name\u0007", null, "STUDY_OPENED", "SUCCESS",
				UUID.randomUUID(), null, null, Map.of("reason", "a\u0002b"));
		SyslogMessage message = message(entry, null);
		assertThat(message.user()).isEqualTo("Name\uFFFD");
	}

	@Test
	void urlsOtherThanTlsTcpOrUdpAreRefused() {
		assertThat(AtnaTarget.parse("tls://arr.example:6514"))
			.isEqualTo(new AtnaTarget(AtnaTarget.Transport.TLS, "arr.example", 6514));
		assertThat(AtnaTarget.parse("UDP://10.0.0.1:514").transport()).isEqualTo(AtnaTarget.Transport.UDP);
		assertThatThrownBy(() -> AtnaTarget.parse("http://arr:6514")).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> AtnaTarget.parse("tls://arr")).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> AtnaTarget.parse("tcp://:514")).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> AtnaTarget.parse("tcp://a b:1")).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void defaultsFillWhatIsNotConfigured() {
		AtnaProperties blank = new AtnaProperties(" ", null, null, null, null, null, 0, null, null, null, null, null,
				null, null, null, null);
		assertThat(blank.enabled()).isFalse();
		assertThat(blank.messageId()).isEqualTo("IHE+RFC-3881");
		assertThat(blank.batch()).isEqualTo(5000);
		assertThat(blank.connections()).isEqualTo(AtnaProperties.DEFAULT_CONNECTIONS);
		assertThat(blank.maxBackoff()).isEqualTo(Duration.ofMinutes(1));
	}

}
