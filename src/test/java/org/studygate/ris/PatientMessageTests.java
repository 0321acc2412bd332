package org.studygate.ris;

import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.studygate.Fixtures;
import org.studygate.WebFixture;
import org.studygate.department.Department;
import org.studygate.refcode.IssuedCode;
import org.studygate.refcode.PatientFixtures;
import org.studygate.study.Studies;
import org.studygate.study.StudyId;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Patient updates and merges over MLLP: ADT^A08 renames the patient on his studies;
 * ADT^A40 moves the studies to the surviving patient ID, logs it on each, and the codes
 * keep working.
 */
class PatientMessageTests extends ListenerContext {

	static final LocalDate BIRTH = LocalDate.of(1961, 3, 14);

	@Autowired
	Fixtures fixtures;

	@Autowired
	PatientFixtures patients;

	@Autowired
	Studies studies;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	@Autowired
	WebFixture web;

	Department department;

	String priorId;

	StudyId study;

	@BeforeEach
	void setUp() {
		department = fixtures.department("Radiology ADT");
		priorId = "OLD" + Fixtures.unique();
		study = patients.study(department, 3, priorId, BIRTH, null);
	}

	Map<String, String> values(String patientId, String name) {
		Map<String, String> values = RisSender.order(department.code().value(), "NW", "X");
		values.put("PID", patientId);
		values.put("NAME", name);
		values.put("BIRTH", "19610314");
		values.put("PRIOR", priorId);
		return values;
	}

	@Test
	void anUpdateRenamesThePatientOnHisStudies() {
		assertThat(
				RisSender.sendWithHapi(PORT, RisSender.message("adt-a08.hl7", values(priorId, "Peeters-Janssens^An"))))
			.isEqualTo("AA");

		assertThat(studies.find(study).orElseThrow().patient().name()).isEqualTo("Peeters-Janssens^An");
	}

	@Test
	void aMergeMovesTheStudiesToTheSurvivingPatientAndTheCodeStillWorks() throws Exception {
		IssuedCode code = patients.code(study);
		String survivingId = "NEW" + Fixtures.unique();

		assertThat(RisSender.sendWithHapi(PORT, RisSender.message("adt-a40.hl7", values(survivingId, "Peeters^An"))))
			.isEqualTo("AA");

		assertThat(studies.find(study).orElseThrow().patient().patientId()).isEqualTo(survivingId);
		assertThat(jdbc
			.sql("select details->>'priorPatientId' from audit.entry where study_id = :s and action = 'PATIENT_MERGED'")
			.param("s", study.value())
			.query(String.class)
			.single()).isEqualTo(priorId);
		MockHttpServletResponse login = web.mvc()
			.perform(post("/patient/api/login").contentType(MediaType.APPLICATION_JSON)
				.content(json.writeValueAsString(Map.of("referenceNumber", code.code(), "birthDate", BIRTH.toString())))
				.with(request -> {
					request.setRemoteAddr("10.71.0." + (1 + (int) (Math.random() * 200)));
					return request;
				}))
			.andReturn()
			.getResponse();
		assertThat(login.getStatus()).as(login.getContentAsString()).isEqualTo(200);
	}

	@Test
	void aMergeOfAnUnknownPatientIsAnsweredWithAnError() {
		Map<String, String> values = values("NEW" + Fixtures.unique(), "Peeters^An");
		values.put("PRIOR", "NOSUCH" + Fixtures.unique());

		String ack = RisSender.sendRaw(PORT, RisSender.message("adt-a40.hl7", values));

		assertThat(RisSender.ackCode(ack)).isEqualTo("AE");
		assertThat(ack).contains("unknown patient");
	}

}
