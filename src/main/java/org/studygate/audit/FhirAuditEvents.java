package org.studygate.audit;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;

/**
 * Access log entries as FHIR R4 AuditEvents following the IHE Basic Audit Log Patterns
 * (decision 011): PatientRead for reads of a study, PatientQuery for listings,
 * PrivacyDisclosure for what leaves the platform (download, forward, RSW, share, grant),
 * Login for logins, Security Alert with Emergency Override Started (110127) for an unlock
 * and Emergency Override Stopped (110138) for its expiry or revocation (decision 013).
 * The user is the requesting agent, the client the agent with a network address,
 * Studygate the server agent and observer.
 */
final class FhirAuditEvents {

	static final FhirContext FHIR = FhirContext.forR4Cached();

	static final String BALP = "https://profiles.ihe.net/ITI/BALP/StructureDefinition/IHE.BasicAudit.";

	static final String DCM = "http://dicom.nema.org/resources/ontology/DCM";

	static final String EVENT_TYPE = "http://terminology.hl7.org/CodeSystem/audit-event-type";

	static final String INTERACTION = "http://hl7.org/fhir/restful-interaction";

	static final String ENTITY_TYPE = "http://terminology.hl7.org/CodeSystem/audit-entity-type";

	static final String OBJECT_ROLE = "http://terminology.hl7.org/CodeSystem/object-role";

	static final String ACT_REASON = "http://terminology.hl7.org/CodeSystem/v3-ActReason";

	static final String PARTICIPATION = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";

	static final String LIFECYCLE = "http://terminology.hl7.org/CodeSystem/iso-21089-lifecycle";

	/** What leaves the platform or opens it to somebody else. */
	static final Set<String> DISCLOSURES = Set.of("DOWNLOAD", "DOWNLOADED", "FORWARD", "FORWARDED", "RSW_SENT",
			"RSW_SEND", "SHARE", "SHARED", "GRANT", "GRANTED", "STUDY_SHARED", "ACCESS_GRANTED");

	static final Set<String> LOGINS = Set.of("STAFF_LOGIN", "PATIENT_LOGIN", "CODE_LOGIN");

	/** Break-the-glass started (or, with a DENIED outcome, refused). */
	static final Set<String> EMERGENCY = Set.of("UNLOCK", "UNLOCKED", "STUDY_UNLOCKED", "BREAK_THE_GLASS",
			"UNLOCK_REFUSED");

	/** Break-the-glass ended: by expiry or revocation. */
	static final Set<String> EMERGENCY_STOPPED = Set.of("UNLOCK_EXPIRED", "UNLOCK_REVOKED");

	/** Other security events of break-the-glass: a source admin's review of an unlock. */
	static final Set<String> SECURITY_ALERTS = Set.of("UNLOCK_REVIEWED");

	static final Set<String> QUERIES = Set.of("STUDIES_LISTED", "STUDIES_QUERIED", "EMERGENCY_ACCESS_SEARCHED");

	private FhirAuditEvents() {
	}

	/** A searchset Bundle of the entries, as FHIR JSON. */
	static String searchset(List<AuditEntry> entries, Map<UUID, FhirSubject> subjects, String self) {
		Bundle bundle = new Bundle();
		bundle.setType(Bundle.BundleType.SEARCHSET);
		bundle.setTotal(entries.size());
		bundle.addLink().setRelation("self").setUrl(self);
		for (AuditEntry entry : entries) {
			AuditEvent event = of(entry, entry.studyId() == null ? null : subjects.get(entry.studyId()));
			bundle.addEntry()
				.setFullUrl("urn:uuid:"
						+ UUID.nameUUIDFromBytes(("studygate-audit-" + entry.id()).getBytes(StandardCharsets.UTF_8)))
				.setResource(event)
				.getSearch()
				.setMode(Bundle.SearchEntryMode.MATCH);
		}
		return FHIR.newJsonParser().encodeResourceToString(bundle);
	}

	static AuditEvent of(AuditEntry entry, FhirSubject subject) {
		AuditEvent event = new AuditEvent();
		event.setId(Long.toString(entry.id()));
		String action = entry.action();
		type(event, action);
		outcome(event, entry, action);
		agents(event, entry);
		entities(event, entry, subject);
		return event;
	}

	/** The event's type, subtype, profile and action code, by what happened. */
	private static void type(AuditEvent event, String action) {
		if (LOGINS.contains(action)) {
			profile(event, "Login");
			event.setType(new Coding(DCM, "110114", "User Authentication"));
			event.addSubtype(new Coding(DCM, "110122", "Login"));
			event.setAction(AuditEvent.AuditEventAction.E);
		}
		else if (EMERGENCY.contains(action)) {
			event.setType(new Coding(DCM, "110113", "Security Alert"));
			event.addSubtype(new Coding(DCM, "110127", "Emergency Override Started"));
			event.setAction(AuditEvent.AuditEventAction.E);
		}
		else if (EMERGENCY_STOPPED.contains(action)) {
			event.setType(new Coding(DCM, "110113", "Security Alert"));
			event.addSubtype(new Coding(DCM, "110138", "Emergency Override Stopped"));
			event.setAction(AuditEvent.AuditEventAction.E);
		}
		else if (SECURITY_ALERTS.contains(action)) {
			event.setType(new Coding(DCM, "110113", "Security Alert"));
			event.setAction(AuditEvent.AuditEventAction.E);
		}
		else if (DISCLOSURES.contains(action)) {
			profile(event, "PrivacyDisclosure.Source");
			event.setType(new Coding(LIFECYCLE, "disclose", "Disclose Record Lifecycle Event"));
			event.setAction(AuditEvent.AuditEventAction.R);
		}
		else if (QUERIES.contains(action)) {
			profile(event, "PatientQuery");
			event.setType(new Coding(EVENT_TYPE, "rest", "RESTful Operation"));
			event.addSubtype(new Coding(INTERACTION, "search", "search"));
			event.setAction(AuditEvent.AuditEventAction.E);
		}
		else if (java.util.Set.of("STUDY_REGISTERED", "STUDY_CANCELLED", "STUDY_UNCANCELLED").contains(action)) {
			String interaction = "STUDY_REGISTERED".equals(action) ? "create" : "update";
			profile(event, "STUDY_REGISTERED".equals(action) ? "PatientCreate" : "PatientUpdate");
			event.setType(new Coding(EVENT_TYPE, "rest", "RESTful Operation"));
			event.addSubtype(new Coding(INTERACTION, interaction, interaction));
			event.setAction(
					"create".equals(interaction) ? AuditEvent.AuditEventAction.C : AuditEvent.AuditEventAction.U);
		}
		else {
			profile(event, "PatientRead");
			event.setType(new Coding(EVENT_TYPE, "rest", "RESTful Operation"));
			event.addSubtype(new Coding(INTERACTION, "read", "read"));
			event.setAction(AuditEvent.AuditEventAction.R);
		}
	}

	/** Studygate's own action, when, the outcome and the purpose of use. */
	private static void outcome(AuditEvent event, AuditEntry entry, String action) {
		event.addSubtype(new Coding("urn:studygate:action", action, null));
		event.setRecorded(Date.from(entry.at()));
		event.setOutcome(
				"SUCCESS".equals(entry.outcome()) ? AuditEvent.AuditEventOutcome._0 : AuditEvent.AuditEventOutcome._4);
		if (!"SUCCESS".equals(entry.outcome())) {
			event.setOutcomeDesc(entry.outcome());
		}
		String purpose = entry.details().getOrDefault("purposeOfUse", entry.details().get("purpose"));
		if (purpose != null && purpose.matches("[A-Z]{2,10}")) {
			event.addPurposeOfEvent(new CodeableConcept(new Coding(ACT_REASON, purpose, null)));
		}
	}

	/** Who acted, from which client, on which server. */
	private static void agents(AuditEvent event, AuditEntry entry) {
		AuditEvent.AuditEventAgentComponent user = event.addAgent();
		user.setType(new CodeableConcept(new Coding(PARTICIPATION, "IRCP", "information recipient")));
		user.setWho(new Reference()
			.setIdentifier(new Identifier().setSystem("urn:studygate:actor:" + entry.actorKind())
				.setValue(entry.actorId() == null ? entry.actorKind() : entry.actorId()))
			.setDisplay(entry.actorName()));
		user.setName(entry.actorName());
		user.setRequestor(true);
		AuditEvent.AuditEventAgentComponent client = event.addAgent();
		client.setType(new CodeableConcept(new Coding(DCM, "110153", "Source Role ID")));
		client.setWho(new Reference().setDisplay(entry.userAgent() == null ? "client" : entry.userAgent()));
		client.setRequestor(false);
		if (entry.clientIp() != null) {
			client.getNetwork().setAddress(entry.clientIp()).setType(AuditEvent.AuditEventAgentNetworkType._2);
		}
		if (entry.channel() != null) {
			client.addPolicy("urn:studygate:channel:" + entry.channel());
		}
		AuditEvent.AuditEventAgentComponent server = event.addAgent();
		server.setType(new CodeableConcept(new Coding(DCM, "110152", "Destination Role ID")));
		server.setWho(new Reference().setDisplay("Studygate"));
		server.setRequestor(false);
		event.getSource()
			.setSite("Studygate")
			.setObserver(new Reference().setDisplay("Studygate"))
			.addType(new Coding("http://terminology.hl7.org/CodeSystem/security-source-type", "4",
					"Application Server"));
	}

	/** The patient and the study concerned, or the query's terms. */
	private static void entities(AuditEvent event, AuditEntry entry, FhirSubject subject) {
		if (subject != null) {
			AuditEvent.AuditEventEntityComponent patient = event.addEntity();
			patient.setType(new Coding(ENTITY_TYPE, "1", "Person"));
			patient.setRole(new Coding(OBJECT_ROLE, "1", "Patient"));
			patient.setWhat(new Reference().setIdentifier(new Identifier().setValue(subject.patientId()))
				.setDisplay(subject.patientName()));
			AuditEvent.AuditEventEntityComponent study = event.addEntity();
			study.setType(new Coding(ENTITY_TYPE, "2", "System Object"));
			study.setRole(new Coding(OBJECT_ROLE, "4", "Domain Resource"));
			study.setWhat(new Reference().setType("ImagingStudy")
				.setIdentifier(
						new Identifier().setSystem("urn:dicom:uid").setValue("urn:oid:" + subject.studyInstanceUid())));
			entry.details()
				.forEach((key,
						value) -> study.addDetail().setType(key).setValue(new org.hl7.fhir.r4.model.StringType(value)));
		}
		else if (!entry.details().isEmpty()) {
			AuditEvent.AuditEventEntityComponent query = event.addEntity();
			query.setType(new Coding(ENTITY_TYPE, "2", "System Object"));
			query.setRole(new Coding(OBJECT_ROLE, "24", "Query"));
			entry.details()
				.forEach((key,
						value) -> query.addDetail().setType(key).setValue(new org.hl7.fhir.r4.model.StringType(value)));
		}
	}

	private static void profile(AuditEvent event, String name) {
		event.getMeta().addProfile(BALP + name);
	}

}
