package org.studygate.web;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.studygate.Fixtures;
import org.studygate.StudygateTest;
import org.studygate.WebFixture;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * What operators and integrators reach: health without logging in, the API documents
 * signed in, the metrics as the service desk (decision 035); and the request log.
 */
@StudygateTest
@ExtendWith(OutputCaptureExtension.class)
class OperationsTests {

	@Autowired
	WebFixture web;

	@Autowired
	Fixtures fixtures;

	MockMvc mvc;

	@BeforeEach
	void setUp() {
		mvc = web.withRequestContext();
	}

	@Test
	void publishesAnOpenApi31DocumentOfTheApiToStaff() throws Exception {
		MockHttpServletResponse response = mvc
			.perform(get("/v3/api-docs").header("Authorization", fixtures.bearer(fixtures.user("Integrator Docs"))))
			.andReturn()
			.getResponse();

		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getContentAsString()).contains("\"openapi\":\"3.1").contains("/api/v1/studies");
	}

	@Test
	void servesSwaggerUiToStaff() throws Exception {
		var signedIn = authentication(fixtures.signedIn(fixtures.user("Integrator Swagger")));
		MockHttpServletResponse entry = mvc.perform(get("/swagger-ui.html").with(signedIn)).andReturn().getResponse();
		assertThat(entry.getStatus()).isEqualTo(302);

		MockHttpServletResponse page = mvc.perform(get(entry.getRedirectedUrl()).with(signedIn))
			.andReturn()
			.getResponse();
		assertThat(page.getStatus()).isEqualTo(200);
		assertThat(page.getContentAsString()).containsIgnoringCase("swagger");
	}

	@Test
	void reportsHealthUpWithoutLogin() throws Exception {
		MockHttpServletResponse response = mvc.perform(get("/actuator/health")).andReturn().getResponse();

		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getContentAsString()).contains("\"status\":\"UP\"");
	}

	@Test
	void exposesPrometheusMetricsToTheServiceDesk() throws Exception {
		MockHttpServletResponse response = mvc
			.perform(get("/actuator/prometheus").header("Authorization",
					fixtures.bearer(fixtures.serviceDesk("Scraper"))))
			.andReturn()
			.getResponse();

		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getContentAsString()).contains("jvm_memory_used_bytes");
	}

	@Test
	void logsOneLinePerRequestWithTheCorrelationIdSent(CapturedOutput output) throws Exception {
		LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
		logging.setLogLevel("org.studygate.request", LogLevel.INFO);
		try {
			MockHttpServletResponse response = mvc
				.perform(get("/login").header(RequestContext.HEADER, "trace-4711-abcdef"))
				.andReturn()
				.getResponse();

			assertThat(response.getHeader(RequestContext.HEADER)).isEqualTo("trace-4711-abcdef");
			assertThat(output.getOut().lines().filter(line -> line.contains("trace-4711-abcdef"))).singleElement()
				.asString()
				.contains("GET /login 200");
		}
		finally {
			logging.setLogLevel("org.studygate.request", LogLevel.WARN);
		}
	}

	@Test
	void replacesAMalformedCorrelationIdWithItsOwn() throws Exception {
		MockHttpServletResponse response = mvc.perform(get("/login").header(RequestContext.HEADER, "bad id\r\nx"))
			.andReturn()
			.getResponse();

		assertThat(response.getHeader(RequestContext.HEADER)).matches("[0-9a-f-]{36}");
	}

}
