package org.studygate.directory;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.studygate.StudygateTest;
import org.studygate.WebFixture;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The test profile sets {@code studygate.admin-password}, as STUDYGATE_ADMIN_PASSWORD
 * would.
 */
@StudygateTest
class FirstStartTests {

	@Autowired
	Users users;

	@Autowired
	WebFixture web;

	@Autowired
	JsonMapper json;

	@Test
	void createsTheServiceDeskAccountAdminWithTheConfiguredPassword() throws Exception {
		UserView admin = users.findByUsername("admin").orElseThrow();
		assertThat(admin.serviceDesk()).isTrue();
		assertThat(admin.status()).isEqualTo(UserStatus.ACTIVE);

		MockMvc mvc = web.mvc();
		MockHttpServletResponse response = mvc
			.perform(post("/api/v1/auth/token").contentType(MediaType.APPLICATION_JSON)
				.content(json.writeValueAsString(Map.of("username", "admin", "password", "Admin-test-1"))))
			.andReturn()
			.getResponse();

		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getContentAsString()).contains("\"token\"").contains("\"expiresAt\"");
	}

}
