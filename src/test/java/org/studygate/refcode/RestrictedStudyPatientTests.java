package org.studygate.refcode;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.studygate.Fixtures;
import org.studygate.StudygateTest;
import org.studygate.WebFixture;
import org.studygate.access.Restrictions;
import org.studygate.department.Department;
import org.studygate.directory.UserId;
import org.studygate.study.StudyId;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * A restricted study (decision 060) is not restricted to its own patient: with his
 * reference number he opens it without any unlock, while the department's own user is
 * sent to the unlock page and another patient's code opens nothing of it.
 */
@StudygateTest
class RestrictedStudyPatientTests {

	@Autowired
	WebFixture web;

	@Autowired
	Fixtures fixtures;

	@Autowired
	PatientFixtures patients;

	@Autowired
	Restrictions restrictions;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	MockMvc mvc;

	@BeforeEach
	void setUp() {
		mvc = web.mvc();
	}

	@Test
	void aPatientOpensHisOwnRestrictedStudyWithHisReferenceNumber() throws Exception {
		Department department = fixtures.department("Radiology Restricted Patient");
		UserId admin = fixtures.sourceAdmin(department, "Admin Restricted Patient");
		UserId radiologist = fixtures.sourceUser(department, "Radiologist Restricted Patient");
		StudyId study = patients.study(department, 1);
		IssuedCode code = patients.code(study);
		StudyId other = patients.study(department, 1);
		IssuedCode otherCode = patients.code(other);
		restrictions.restrict(fixtures.actor(admin), study, true, "member of staff");

		MockHttpSession session = new MockHttpSession();
		assertThat(login(code, session).getStatus()).isEqualTo(200);
		MockHttpServletResponse page = mvc.perform(get("/patient/studies/" + study).session(session))
			.andReturn()
			.getResponse();
		assertThat(page.getStatus()).isEqualTo(200);
		assertThat(page.getRedirectedUrl()).isNull();
		assertThat(jdbc.sql("""
				select count(*) from audit.entry
				where action = 'STUDY_OPENED' and actor_kind = 'PATIENT_CODE' and study_id = :s
				""").param("s", study.value()).query(Long.class).single()).isEqualTo(1);
		assertThat(jdbc.sql("select count(*) from breakglass.unlock where study_id = :s")
			.param("s", study.value())
			.query(Long.class)
			.single()).as("no unlock asked of the patient").isZero();

		MockHttpSession stranger = new MockHttpSession();
		login(otherCode, stranger);
		assertThat(
				mvc.perform(get("/patient/studies/" + study).session(stranger)).andReturn().getResponse().getStatus())
			.as("another patient's code")
			.isEqualTo(404);
		assertThat(mvc.perform(get("/studies/" + study).with(authentication(fixtures.signedIn(radiologist))))
			.andReturn()
			.getResponse()
			.getRedirectedUrl()).as("the department's user must unlock it").isEqualTo("/break-glass/studies/" + study);
	}

	private MockHttpServletResponse login(IssuedCode code, MockHttpSession session) throws Exception {
		return mvc
			.perform(post("/patient/api/login").contentType(MediaType.APPLICATION_JSON)
				.content(json.writeValueAsString(
						Map.of("referenceNumber", code.code(), "birthDate", PatientFixtures.BIRTH_DATE.toString())))
				.session(session)
				.with(ReferenceNumberApiTests.client(ReferenceNumberApiTests.freshAddress())))
			.andReturn()
			.getResponse();
	}

}
