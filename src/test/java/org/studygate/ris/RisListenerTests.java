package org.studygate.ris;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.studygate.Fixtures;
import org.studygate.WebFixture;
import org.studygate.department.Department;
import org.studygate.department.NewDepartment;
import org.studygate.department.setup.DepartmentSetup;
import org.studygate.directory.Actor;
import org.studygate.directory.UserId;
import org.studygate.study.Studies;
import org.studygate.study.StudyId;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The RIS feed over a real MLLP socket (docs/guide/ris-interface.md): acknowledgments,
 * orders that give their requester and CC physicians the study, cancellation and its
 * undoing, idempotence on the control id, and the sealed message kept for the desk.
 */
class RisListenerTests extends ListenerContext {

	@Autowired
	WebFixture web;

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	@Autowired
	Studies studies;

	@Autowired
	MessageDesk desk;

	@Autowired
	DepartmentSetup departments;

	MockMvc mvc;

	Department department;

	String requesterNumber;

	String ccNumber;

	UserId requester;

	UserId copied;

	UserId stranger;

	UserId admin;

	UserId serviceDesk;

	@BeforeEach
	void setUp() {
		mvc = web.mvc();
		department = fixtures.department("Radiology RIS");
		requesterNumber = Fixtures.physicianNumber();
		ccNumber = Fixtures.physicianNumber();
		requester = fixtures.physician("Dr Requester", requesterNumber);
		copied = fixtures.physician("Dr Copied", ccNumber);
		stranger = fixtures.physician("Dr Stranger", Fixtures.physicianNumber());
		admin = fixtures.sourceAdmin(department, "Admin RIS");
		serviceDesk = fixtures.serviceDesk("Desk RIS");
	}

	Map<String, String> order(String control, String accession) {
		Map<String, String> values = RisSender.order(department.code().value(), control, accession);
		values.put("REQ", requesterNumber);
		values.put("CC", ccNumber);
		values.put("CC2", Fixtures.physicianNumber());
		return values;
	}

	static String accession() {
		return "A" + Fixtures.unique();
	}

	@Test
	void anOrderThenItsStudyGivesTheRequesterAndTheCopiedPhysicianTheirAccess() throws Exception {
		String accession = accession();
		assertThat(RisSender.sendWithHapi(PORT, RisSender.message("orm-o01.hl7", order("NW", accession))))
			.isEqualTo("AA");
		StudyId study = registerByApi(accession);

		assertThat(status(requester, study)).isEqualTo(200);
		assertThat(status(copied, study)).isEqualTo(200);
		assertThat(status(stranger, study)).isEqualTo(404);
	}

	@Test
	void anOmiOrderForAStudyAlreadyRegisteredJoinsItAtOnce() throws Exception {
		String accession = accession();
		StudyId study = registerByApi(accession);
		assertThat(status(requester, study)).isEqualTo(404);

		String ack = RisSender.sendRaw(PORT, RisSender.message("omi-o23.hl7", order("NW", accession)));

		assertThat(RisSender.ackCode(ack)).as(ack).isEqualTo("AA");
		assertThat(status(requester, study)).isEqualTo(200);
		assertThat(status(copied, study)).isEqualTo(200);
	}

	@Test
	void aCancelledOrderHidesItsStudyFromTheRequesterUntilItIsRestored() throws Exception {
		String accession = accession();
		RisSender.sendWithHapi(PORT, RisSender.message("orm-o01.hl7", order("NW", accession)));
		StudyId study = registerByApi(accession);
		assertThat(status(requester, study)).isEqualTo(200);

		assertThat(RisSender.sendWithHapi(PORT, RisSender.message("orm-o01.hl7", order("CA", accession))))
			.isEqualTo("AA");

		assertThat(status(requester, study)).isEqualTo(404);
		assertThat(status(copied, study)).isEqualTo(404);
		assertThat(status(admin, study)).isEqualTo(200);
		assertThat(studies.search(new org.studygate.study.StudyFilter(null, null, null, null, null, accession),
				org.studygate.study.StudyCondition.notCancelled(), null, 10))
			.isEmpty();
		assertThat(logActions(study)).contains("STUDY_CANCELLED");

		assertThat(RisSender.sendWithHapi(PORT, RisSender.message("orm-o01.hl7", order("XO", accession))))
			.isEqualTo("AA");

		assertThat(status(requester, study)).isEqualTo(200);
		assertThat(logActions(study)).contains("STUDY_UNCANCELLED");
	}

	@Test
	void aStudyOfAnOrderCancelledBeforeItArrivedArrivesCancelled() throws Exception {
		String accession = accession();
		RisSender.sendWithHapi(PORT, RisSender.message("orm-o01.hl7", order("NW", accession)));
		RisSender.sendWithHapi(PORT, RisSender.message("orm-o01.hl7", order("DC", accession)));

		StudyId study = registerByApi(accession);

		assertThat(studies.find(study).orElseThrow().cancelled()).isTrue();
		assertThat(status(requester, study)).isEqualTo(404);
	}

	@Test
	void thePaymentSegmentSetsTheStudysPaymentRequirement() throws Exception {
		String accession = accession();
		Map<String, String> values = order("NW", accession);
		values.put("PAY", "Y");
		RisSender.sendWithHapi(PORT, RisSender.message("orm-o01.hl7", values));

		StudyId study = registerByApi(accession);

		assertThat(studies.find(study).orElseThrow().paymentRequired()).isTrue();
	}

	@Test
	void theSameMessageTwiceIsAppliedOnce() throws Exception {
		String accession = accession();
		Map<String, String> placed = order("NW", accession);
		String first = RisSender.message("orm-o01.hl7", placed);
		RisSender.sendWithHapi(PORT, first);
		StudyId study = registerByApi(accession);
		RisSender.sendWithHapi(PORT, RisSender.message("orm-o01.hl7", order("CA", accession)));

		assertThat(RisSender.sendWithHapi(PORT, first)).isEqualTo("AA");

		assertThat(studies.find(study).orElseThrow().cancelled()).as("the repeated NW was not applied again").isTrue();
		assertThat(jdbc.sql("select duplicates from ris.message where control_id = :c")
			.param("c", placed.get("CTRL"))
			.query(Integer.class)
			.single()).isEqualTo(1);
	}

	@Test
	void anUnknownDepartmentIsAnsweredWithAnErrorAndKeptForTheDesk() {
		Map<String, String> values = order("NW", accession());
		values.put("DEPT", "NOSUCH" + Fixtures.unique());

		String ack = RisSender.sendRaw(PORT, RisSender.message("orm-o01.hl7", values));

		assertThat(RisSender.ackCode(ack)).isEqualTo("AE");
		assertThat(ack).contains("unknown department").doesNotContain("Peeters");
		assertThat(line(values.get("CTRL")).outcome()).isEqualTo(MessageOutcome.ERROR);
		assertThat(line(values.get("CTRL")).reason()).isEqualTo("unknown department");
	}

	@Test
	void cancellingAnUnknownOrderIsAnsweredWithAnError() {
		Map<String, String> values = order("CA", accession());

		String ack = RisSender.sendRaw(PORT, RisSender.message("orm-o01.hl7", values));

		assertThat(RisSender.ackCode(ack)).isEqualTo("AE");
		assertThat(ack).contains("unknown order");
	}

	@Test
	void aMessageThatCannotBeParsedIsRejectedAndKept() {
		long before = jdbc.sql("select count(*) from ris.message where outcome = 'REJECTED'")
			.query(Long.class)
			.single();

		String ack = RisSender.sendRaw(PORT, RisSender.message("garbage.txt", Map.of()));

		assertThat(RisSender.ackCode(ack)).isEqualTo("AR");
		assertThat(jdbc.sql("select count(*) from ris.message where outcome = 'REJECTED'").query(Long.class).single())
			.isGreaterThan(before);
	}

	@Test
	void theRawMessageIsKeptEncryptedAndOnlyTheServiceDeskReadsIt() {
		Map<String, String> values = order("NW", accession());
		RisSender.sendWithHapi(PORT, RisSender.message("orm-o01.hl7", values));
		MessageLine line = line(values.get("CTRL"));

		byte[] stored = jdbc.sql("select raw_cipher from ris.message where id = :id")
			.param("id", line.id())
			.query(byte[].class)
			.single();
		assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("Peeters")
			.doesNotContain(values.get("PID"));
		assertThat(desk.raw(fixtures.actor(serviceDesk), line.id())).contains("Peeters^Ann^Maria");
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> desk.raw(fixtures.actor(admin), line.id()))
			.isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
	}

	@Test
	void aMessageForADepartmentCreatedLaterAppliesWhenTheDeskAppliesItAgain() throws Exception {
		String code = "DL" + Fixtures.unique();
		Map<String, String> values = order("NW", accession());
		values.put("DEPT", code);
		assertThat(RisSender.sendWithHapi(PORT, RisSender.message("orm-o01.hl7", values))).isEqualTo("AE");
		departments.create(NewDepartment.of(code, "Radiology Later", "Europe/Brussels"));

		Actor desker = fixtures.actor(serviceDesk);
		assertThat(desk.reapply(desker, line(values.get("CTRL")).id())).isEqualTo(MessageOutcome.APPLIED);

		assertThat(line(values.get("CTRL")).outcome()).isEqualTo(MessageOutcome.APPLIED);
		assertThat(line(values.get("CTRL")).attempts()).isEqualTo(2);
	}

	@Test
	void theListenerStopsAndStartsAgain(@Autowired Hl7Listener listener) {
		listener.stop();
		assertThat(listener.isRunning()).isFalse();
		listener.start();

		assertThat(RisSender.sendWithHapi(PORT, RisSender.message("orm-o01.hl7", order("NW", accession()))))
			.isEqualTo("AA");
	}

	private MessageLine line(String controlId) {
		return desk.newest(Actor.systemOperator("test"), null, 500)
			.stream()
			.filter(l -> controlId.equals(l.controlId()))
			.findFirst()
			.orElseThrow();
	}

	private StudyId registerByApi(String accession) throws Exception {
		String body = json.writeValueAsString(Map.of("studyInstanceUid",
				"1.2.826.0.1.3680043.9." + Math.abs(UUID.randomUUID().getMostSignificantBits()), "accessionNumber",
				accession, "departmentCode", department.code().value(), "studyDate", LocalDate.now().toString(),
				"modality", "CT", "description", "CT thorax", "patient",
				Map.of("patientId", "PAT" + Fixtures.unique(), "name", "Peeters^Ann", "birthDate", "1970-05-17")));
		String answer = mvc
			.perform(post("/api/v1/studies").header("Authorization", fixtures.bearer(serviceDesk))
				.contentType(MediaType.APPLICATION_JSON)
				.content(body))
			.andReturn()
			.getResponse()
			.getContentAsString();
		return new StudyId(UUID.fromString(json.readTree(answer).get("id").asString()));
	}

	private int status(UserId user, StudyId study) throws Exception {
		return mvc.perform(get("/api/v1/studies/" + study.value()).header("Authorization", fixtures.bearer(user)))
			.andReturn()
			.getResponse()
			.getStatus();
	}

	private List<String> logActions(StudyId study) {
		return jdbc.sql("select action from audit.entry where study_id = :s")
			.param("s", study.value())
			.query(String.class)
			.list();
	}

}
