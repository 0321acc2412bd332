package org.studygate.explore;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ValidationResult;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.studygate.Fixtures;
import org.studygate.StudygateTest;
import org.studygate.WebFixture;
import org.studygate.audit.AuditActor;
import org.studygate.audit.AuditOutcome;
import org.studygate.audit.AuditableEvent;
import org.studygate.department.Department;
import org.studygate.directory.UserId;
import org.studygate.study.Studies;
import org.studygate.study.StudyId;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * {@code GET /fhir/AuditEvent}: a FHIR R4 searchset of IHE BALP AuditEvents that HAPI
 * parses back and validates against the FHIR R4 XML schema (decision 011), only of
 * studies the caller may read the log of.
 */
@StudygateTest
class FhirAuditEventTests {

	static final FhirContext FHIR = FhirContext.forR4Cached();

	@Autowired
	WebFixture web;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Studies studies;

	@Autowired
	ApplicationEventPublisher events;

	MockMvc mvc;

	@BeforeEach
	void setUp() {
		mvc = web.withRequestContext();
	}

	/** A break-the-glass unlock as the later feature publishes it. */
	record Unlocked(Instant occurredAt, AuditActor actor, java.util.UUID studyId) implements AuditableEvent {

		@Override
		public String action() {
			return "STUDY_UNLOCKED";
		}

		@Override
		public AuditOutcome outcome() {
			return AuditOutcome.SUCCESS;
		}

		@Override
		public Map<String, String> details() {
			return Map.of("purposeOfUse", "ETREAT", "reason", "Unconscious patient in the emergency room");
		}

	}

	private MockHttpServletResponse fhir(String query, UserId user) throws Exception {
		return mvc.perform(get("/fhir/AuditEvent?" + query).header("Authorization", fixtures.bearer(user)))
			.andReturn()
			.getResponse();
	}

	@Test
	void answersAValidSearchsetOfBalpAuditEvents() throws Exception {
		Department department = fixtures.department("Radiology Fhir");
		UserId admin = fixtures.sourceAdmin(department, "Fhir Admin");
		StudyId study = fixtures.study(department, "Fhir^Patient", LocalDate.of(2026, 2, 1), null);
		String uid = studies.find(study).orElseThrow().studyInstanceUid();
		mvc.perform(get("/api/v1/studies/" + study).header("Authorization", fixtures.bearer(admin)));
		events.publishEvent(new Unlocked(Instant.parse("2026-02-05T10:00:00Z"), fixtures.actor(admin).asAuditActor(),
				study.value()));

		MockHttpServletResponse response = fhir("entity-identifier=" + uid + "&date=ge2026-01-01", admin);

		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getContentType()).startsWith("application/fhir+json");
		Bundle bundle = FHIR.newJsonParser().parseResource(Bundle.class, response.getContentAsString());
		assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.SEARCHSET);

		FhirValidator validator = FHIR.newValidator();
		validator.setValidateAgainstStandardSchema(true);
		validator.setValidateAgainstStandardSchematron(false);
		ValidationResult result = validator.validateWithResult(bundle);
		assertThat(result.getMessages()).as(result.toString()).isEmpty();
		assertThat(validator.validateWithResult(new AuditEvent()).isSuccessful())
			.as("the schema validator refuses an AuditEvent without its required elements")
			.isFalse();

		List<AuditEvent> auditEvents = bundle.getEntry().stream().map(e -> (AuditEvent) e.getResource()).toList();
		AuditEvent read = only(auditEvents, "STUDY_OPENED");
		assertThat(read.getMeta().getProfile().get(0).getValue()).endsWith("IHE.BasicAudit.PatientRead");
		assertThat(read.getType().getCode()).isEqualTo("rest");
		assertThat(codes(read.getSubtype())).contains("read");
		assertThat(read.getAction()).isEqualTo(AuditEvent.AuditEventAction.R);
		assertThat(read.getAgent()).anySatisfy(agent -> {
			assertThat(agent.getRequestor()).isTrue();
			assertThat(agent.getWho().getDisplay()).isEqualTo("Fhir Admin");
		});
		assertThat(read.getAgent()).anySatisfy(agent -> assertThat(agent.getNetwork().getAddress()).isNotBlank());
		assertThat(read.getEntity())
			.anySatisfy(entity -> assertThat(entity.getWhat().getIdentifier().getValue()).isEqualTo("urn:oid:" + uid));
		assertThat(read.getEntity()).anySatisfy(entity -> assertThat(entity.getRole().getCode()).isEqualTo("1"));

		AuditEvent glass = only(auditEvents, "STUDY_UNLOCKED");
		assertThat(glass.getType().getCode()).isEqualTo("110113");
		assertThat(codes(glass.getSubtype())).contains("110127");
		assertThat(glass.getPurposeOfEventFirstRep().getCodingFirstRep().getCode()).isEqualTo("ETREAT");
		assertThat(glass.getPurposeOfEventFirstRep().getCodingFirstRep().getSystem())
			.isEqualTo("http://terminology.hl7.org/CodeSystem/v3-ActReason");

		AuditEvent registered = only(auditEvents, "STUDY_REGISTERED");
		assertThat(registered.getAction()).isEqualTo(AuditEvent.AuditEventAction.C);
	}

	@Test
	void datesNarrowTheAnswerAndThePatientSearchFindsHisStudies() throws Exception {
		Department department = fixtures.department("Radiology Fhir Dates");
		UserId admin = fixtures.sourceAdmin(department, "Dates Admin");
		StudyId study = fixtures.study(department, "Dates^Patient", LocalDate.of(2026, 2, 1), null);
		events.publishEvent(new Unlocked(Instant.parse("2020-02-05T10:00:00Z"), fixtures.actor(admin).asAuditActor(),
				study.value()));
		var s = studies.find(study).orElseThrow();

		Bundle old = bundle(fhir("entity-identifier=urn:dicom:uid|urn:oid:" + s.studyInstanceUid()
				+ "&date=ge2020-01-01&date=lt2021-01-01", admin));
		Bundle byPatient = bundle(fhir("patient=" + s.patient().patientId(), admin));

		assertThat(old.getEntry()).singleElement()
			.satisfies(e -> assertThat(codes(((AuditEvent) e.getResource()).getSubtype())).contains("STUDY_UNLOCKED"));
		assertThat(byPatient.getTotal()).isGreaterThanOrEqualTo(2);
	}

	@Test
	void studiesTheCallerMayNotReadTheLogOfAreNotInTheAnswer() throws Exception {
		Department department = fixtures.department("Radiology Fhir Idor");
		String number = Fixtures.physicianNumber();
		UserId physician = fixtures.physician("Dr Fhir", number);
		UserId outsider = fixtures.sourceAdmin(fixtures.department("Elsewhere"), "Other Admin");
		StudyId study = fixtures.study(department, "Idor^Patient", LocalDate.of(2026, 2, 1), number);
		var s = studies.find(study).orElseThrow();

		assertThat(bundle(fhir("entity-identifier=" + s.studyInstanceUid(), physician)).getTotal()).isZero();
		assertThat(bundle(fhir("entity-identifier=" + s.studyInstanceUid(), outsider)).getTotal()).isZero();
		assertThat(bundle(fhir("patient=" + s.patient().patientId(), outsider)).getTotal()).isZero();
	}

	@Test
	void badSearchesAreProblems() throws Exception {
		UserId desk = fixtures.serviceDesk("Fhir Desk");

		for (String query : List.of("", "entity-identifier=not-a-uid", "entity-identifier=1.2.3&date=ge-yesterday",
				"entity-identifier=1.2.3&date=xx2026-01-01")) {
			assertThat(fhir(query, desk).getStatus()).as(query).isEqualTo(400);
		}
		assertThat(mvc.perform(get("/fhir/AuditEvent?entity-identifier=1.2.3")).andReturn().getResponse().getStatus())
			.isEqualTo(401);
	}

	private static Bundle bundle(MockHttpServletResponse response) throws Exception {
		assertThat(response.getStatus()).isEqualTo(200);
		return FHIR.newJsonParser().parseResource(Bundle.class, response.getContentAsString());
	}

	private static AuditEvent only(List<AuditEvent> events, String action) {
		return events.stream().filter(e -> codes(e.getSubtype()).contains(action)).findFirst().orElseThrow();
	}

	private static List<String> codes(List<Coding> codings) {
		return codings.stream().map(Coding::getCode).toList();
	}

}
