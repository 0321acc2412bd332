package org.studygate.atna;

import org.junit.jupiter.api.Test;
import org.studygate.Fixtures;
import org.studygate.StudygateTest;
import org.studygate.WebFixture;
import org.studygate.directory.UserId;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * The service desk's page of the export: it shows how far behind the export is; a
 * department's administrator and a physician are refused, and the refusal is logged.
 */
@StudygateTest
class AtnaExportPageTests {

	@Autowired
	WebFixture web;

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AtnaExport export;

	MockHttpServletResponse page(UserId user) throws Exception {
		return web.mvc()
			.perform(get("/admin/atna").with(authentication(fixtures.signedIn(user))))
			.andReturn()
			.getResponse();
	}

	@Test
	void theServiceDeskSeesTheBacklogAndThatTheExportIsOff() throws Exception {
		MockHttpServletResponse response = page(fixtures.serviceDesk("Desk Atna"));
		assertThat(response.getStatus()).isEqualTo(200);
		ExportState state = export.state(AtnaExporter.CURSOR);
		assertThat(state.enabled()).as("no URL in the test configuration").isFalse();
		assertThat(state.headSeq()).isGreaterThanOrEqualTo(state.lastSeq());
		assertThat(response.getContentAsString()).contains("id=\"atna-off\"")
			.contains("id=\"atna-backlog\"")
			.contains("ATNA audit export");
	}

	@Test
	void othersAreRefusedAndTheRefusalIsLogged() throws Exception {
		UserId admin = fixtures.sourceAdmin(fixtures.department("Radiology Atna"), "Admin Atna");
		UserId physician = fixtures.physician("Dr Curious Atna", Fixtures.physicianNumber());
		for (UserId user : new UserId[] { admin, physician }) {
			MockHttpServletResponse response = page(user);
			assertThat(response.getStatus()).isEqualTo(403);
			assertThat(response.getContentAsString()).doesNotContain("atna-backlog").doesNotContain("Exception");
			assertThat(jdbc.sql("""
					select count(*) from audit.entry
					where action = 'ATNA_EXPORT_STATE_REFUSED' and actor_id = :user and outcome = 'DENIED'
					""").param("user", user.toString()).query(Long.class).single()).isEqualTo(1);
		}
	}

	@Test
	void anonymousVisitorsAreSentToTheLogin() throws Exception {
		MockHttpServletResponse response = web.mvc().perform(get("/admin/atna")).andReturn().getResponse();
		assertThat(response.getStatus()).isEqualTo(302);
		assertThat(response.getRedirectedUrl()).contains("/login");
	}

}
