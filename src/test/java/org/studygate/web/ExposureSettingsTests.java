package org.studygate.web;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.studygate.Fixtures;
import org.studygate.WebFixture;
import org.studygate.department.Department;
import org.studygate.department.Departments;
import org.studygate.department.ReferenceNumberPolicy.Verification;
import org.studygate.directory.UserId;
import org.studygate.refcode.IssuedCode;
import org.studygate.refcode.PatientFixtures;
import org.studygate.refcode.PaymentProvider;
import org.studygate.study.StudyId;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

/**
 * The application as a deployment runs it: neither demo mode nor the test profile, so no
 * test payment provider. Choosing payment and pincode is refused through the API and the
 * page, a policy stored before is never treated as paid, and the documented settings open
 * the metrics and the API documents to anybody.
 */
@SpringBootTest(properties = { "spring.config.import=classpath:application-test.yml",
		"studygate.security.public-metrics=true", "studygate.security.public-api-docs=true" })
class ExposureSettingsTests {

	@Autowired
	WebApplicationContext context;

	@Autowired
	WebFixture web;

	@Autowired
	Fixtures fixtures;

	@Autowired
	PatientFixtures patients;

	@Autowired
	Departments departments;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	MockMvc mvc;

	Department department;

	UserId desk;

	@BeforeEach
	void setUp() {
		mvc = web.mvc();
		department = fixtures.department("Radiology Paid");
		desk = fixtures.serviceDesk("Payment Desk");
	}

	@Test
	void noTestPaymentProviderRunsOutsideDemoAndTests() {
		assertThat(context.getBeanProvider(PaymentProvider.class).stream()).isEmpty();
	}

	@Test
	void paymentAndPincodeCannotBeChosenWithoutAPaymentProvider() throws Exception {
		String settings = json.writeValueAsString(
				department.settings().withReferenceNumbers(PatientFixtures.verification(Verification.PAYMENT_PINCODE)));

		MockHttpServletResponse refused = mvc
			.perform(put("/api/v1/admin/departments/" + department.code().value() + "/settings")
				.header("Authorization", fixtures.bearer(desk))
				.contentType(MediaType.APPLICATION_JSON)
				.content(settings))
			.andReturn()
			.getResponse();

		assertThat(refused.getStatus()).isEqualTo(400);
		JsonNode problem = json.readTree(refused.getContentAsString());
		assertThat(problem.get("field").asString()).isEqualTo("referenceNumbers.verification");
		assertThat(problem.get("detail").asString()).contains("payment provider");
		assertThat(verification()).isEqualTo(Verification.DOB_ONLY);

		var page = mvc
			.perform(post("/admin/departments/" + department.code().value() + "/reference-numbers")
				.with(authentication(fixtures.signedIn(desk)))
				.with(csrf())
				.param("verification", "PAYMENT_PINCODE"))
			.andReturn();
		assertThat(page.getFlashMap().get("refcodeProblem")).isEqualTo("refcode.policy.noPaymentProvider");
		assertThat(verification()).isEqualTo(Verification.DOB_ONLY);
	}

	@Test
	void aPaymentPolicyStoredBeforeIsNeverTreatedAsPaid() throws Exception {
		String stored = json.writeValueAsString(
				department.settings().withReferenceNumbers(PatientFixtures.verification(Verification.PAYMENT_PINCODE)));
		jdbc.sql("update department.department set settings = cast(:s as jsonb) where id = :id")
			.param("s", stored)
			.param("id", department.id().value())
			.update();
		StudyId study = patients.study(department, 1);
		jdbc.sql("update study.study set payment_required = true where id = :id").param("id", study.value()).update();
		IssuedCode code = patients.code(study);
		MockHttpSession session = new MockHttpSession();

		MockHttpServletResponse login = patient("/patient/api/login",
				Map.of("referenceNumber", code.code(), "birthDate", PatientFixtures.BIRTH_DATE.toString()), session);
		assertThat(json.readTree(login.getContentAsString()).get("next").asString()).isEqualTo("PAYMENT");
		MockHttpServletResponse pay = patient("/patient/api/pay", Map.of(), session);

		assertThat(pay.getStatus()).isEqualTo(401);
		assertThat(jdbc.sql("select payment_received from study.study where id = :id")
			.param("id", study.value())
			.query(Boolean.class)
			.single()).isFalse();
		assertThat(jdbc.sql("""
				select details::text from audit.entry where action = 'PATIENT_PAYMENT' and outcome = 'FAILURE'
				  and details::text like :code order by id desc limit 1""")
			.param("code", "%" + code.id() + "%")
			.query(String.class)
			.single()).contains("no payment provider");
	}

	@Test
	void theDocumentedSettingsOpenTheMetricsAndTheApiDocumentsToAnybody() throws Exception {
		MockHttpServletResponse metrics = mvc.perform(get("/actuator/prometheus")).andReturn().getResponse();
		assertThat(metrics.getStatus()).isEqualTo(200);
		assertThat(metrics.getContentAsString()).contains("jvm_memory_used_bytes");
		MockHttpServletResponse docs = mvc.perform(get("/v3/api-docs")).andReturn().getResponse();
		assertThat(docs.getStatus()).isEqualTo(200);
		assertThat(docs.getContentAsString()).contains("/api/v1/studies");
		assertThat(mvc.perform(get("/actuator/info")).andReturn().getResponse().getStatus())
			.as("only the metrics are opened")
			.isEqualTo(401);
	}

	private Verification verification() {
		return departments.find(department.id()).orElseThrow().settings().referenceNumbers().verification();
	}

	private MockHttpServletResponse patient(String path, Object body, MockHttpSession session) throws Exception {
		return mvc.perform(post(path).contentType(MediaType.APPLICATION_JSON)
			.content(json.writeValueAsString(body))
			.session(session)
			.with(request -> {
				request.setRemoteAddr("10.114.0." + (1 + (int) (Math.random() * 250)));
				return request;
			})).andReturn().getResponse();
	}

}
