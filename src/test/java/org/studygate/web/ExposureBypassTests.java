package org.studygate.web;

import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.studygate.Fixtures;
import org.studygate.StudygateTest;
import org.studygate.WebFixture;
import org.studygate.directory.UserId;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * What was open to anybody: the metrics, the OpenAPI document and Swagger UI, the demo
 * page of every one-time password and pincode, and patient-API bodies of any size.
 * Metrics are for the service desk, the API documents for staff, the demo messages for
 * the service desk, and a patient body over 1 MiB is refused with 413 before it is read.
 */
@StudygateTest
class ExposureBypassTests {

	@Autowired
	WebFixture web;

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	MockMvc mvc;

	@BeforeEach
	void setUp() {
		mvc = web.mvc();
	}

	@Test
	void anAnonymousCallerReadsNeitherTheMetricsNorTheApiDocuments() throws Exception {
		MockHttpServletResponse metrics = mvc.perform(get("/actuator/prometheus")).andReturn().getResponse();
		assertThat(metrics.getStatus()).isEqualTo(401);
		assertThat(metrics.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		assertThat(metrics.getContentAsString()).doesNotContain("jvm_memory_used_bytes");
		assertThat(mvc.perform(get("/actuator/info")).andReturn().getResponse().getStatus()).isEqualTo(401);
		MockHttpServletResponse docs = mvc.perform(get("/v3/api-docs")).andReturn().getResponse();
		assertThat(docs.getStatus()).isEqualTo(401);
		assertThat(docs.getContentAsString()).doesNotContain("/api/v1/studies");
		MockHttpServletResponse swagger = mvc.perform(get("/swagger-ui.html")).andReturn().getResponse();
		assertThat(swagger.getStatus()).isEqualTo(302);
		assertThat(swagger.getRedirectedUrl()).endsWith("/login");
		assertThat(mvc.perform(get("/swagger-ui/index.html")).andReturn().getResponse().getRedirectedUrl())
			.endsWith("/login");

		assertThat(mvc.perform(get("/actuator/health")).andReturn().getResponse().getStatus())
			.as("health stays open for load balancers")
			.isEqualTo(200);
	}

	@Test
	void aPhysicianReadsTheApiDocumentsButNotTheMetrics() throws Exception {
		UserId physician = fixtures.physician("Dr Curious Metrics", Fixtures.physicianNumber());

		MockHttpServletResponse metrics = mvc
			.perform(get("/actuator/prometheus").header("Authorization", fixtures.bearer(physician)))
			.andReturn()
			.getResponse();
		assertThat(metrics.getStatus()).isEqualTo(403);
		assertThat(metrics.getContentAsString()).doesNotContain("jvm_memory_used_bytes");
		assertThat(refusals(physician, "OPERATIONS_REFUSED")).as("the refusal is in the access log").isEqualTo(1);

		MockHttpServletResponse docs = mvc
			.perform(get("/v3/api-docs").header("Authorization", fixtures.bearer(physician)))
			.andReturn()
			.getResponse();
		assertThat(docs.getStatus()).isEqualTo(200);
		assertThat(docs.getContentAsString()).contains("/api/v1/studies");
		assertThat(mvc.perform(get("/swagger-ui.html").with(authentication(fixtures.signedIn(physician))))
			.andReturn()
			.getResponse()
			.getRedirectedUrl()).doesNotEndWith("/login");
	}

	@Test
	void theServiceDeskReadsTheMetricsWithATokenOrASession() throws Exception {
		UserId desk = fixtures.serviceDesk("Metrics Desk");

		MockHttpServletResponse scraped = mvc
			.perform(get("/actuator/prometheus").header("Authorization", fixtures.bearer(desk)))
			.andReturn()
			.getResponse();
		assertThat(scraped.getStatus()).isEqualTo(200);
		assertThat(scraped.getContentAsString()).contains("jvm_memory_used_bytes");
		assertThat(mvc.perform(get("/actuator/prometheus").with(authentication(fixtures.signedIn(desk))))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(200);
	}

	@Test
	void theDemoMessagesAreRefusedToAnonymousCallersAndToAPhysician() throws Exception {
		MockHttpServletResponse anonymous = mvc.perform(get("/demo/messages")).andReturn().getResponse();
		assertThat(anonymous.getStatus()).isEqualTo(302);
		assertThat(anonymous.getRedirectedUrl()).endsWith("/login");

		UserId physician = fixtures.physician("Dr Reads Messages", Fixtures.physicianNumber());
		MockHttpServletResponse refused = mvc
			.perform(get("/demo/messages").with(authentication(fixtures.signedIn(physician))))
			.andReturn()
			.getResponse();
		assertThat(refused.getStatus()).isEqualTo(403);
		assertThat(refused.getContentAsString()).doesNotContain("<table");
		assertThat(refusals(physician, "DEMO_MESSAGES_REFUSED")).as("the refusal is in the access log").isEqualTo(1);
	}

	@Test
	void anOversizedPatientLoginBodyIsRefusedWith413BeforeAnythingIsChecked() throws Exception {
		String client = "10.113." + ThreadLocalRandom.current().nextInt(1, 255) + "."
				+ ThreadLocalRandom.current().nextInt(1, 255);
		String body = "{\"referenceNumber\":\"" + "A".repeat((int) RequestBodyLimit.LIMIT)
				+ "\",\"birthDate\":\"1961-03-14\"}";

		MockHttpServletResponse response = mvc
			.perform(post("/patient/api/login").contentType(MediaType.APPLICATION_JSON).content(body).with(request -> {
				request.setRemoteAddr(client);
				return request;
			}))
			.andReturn()
			.getResponse();

		assertThat(response.getStatus()).isEqualTo(413);
		assertThat(response.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		assertThat(response.getContentAsString()).contains(RequestBodyLimit.DETAIL);
		assertThat(jdbc.sql("select count(*) from audit.entry where client_ip = :ip")
			.param("ip", client)
			.query(Long.class)
			.single()).as("nothing was checked, nothing was logged").isZero();
	}

	long refusals(UserId user, String action) {
		return jdbc.sql("select count(*) from audit.entry where actor_id = :u and action = :a and outcome = 'DENIED'")
			.param("u", user.toString())
			.param("a", action)
			.query(Long.class)
			.single();
	}

}
