package org.studygate.explore;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.studygate.Fixtures;
import org.studygate.StudygateTest;
import org.studygate.WebFixture;
import org.studygate.audit.LogFilter;
import org.studygate.department.Department;
import org.studygate.directory.UserId;
import org.studygate.study.StudyId;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * The Study logging tab's action filter (decision 064): a select of the log's actions by
 * their names in the reader's language, with "all"; an action the log does not know is
 * refused with its own notice on the tab and a ProblemDetail 400 from the API and the
 * CSV.
 */
@StudygateTest
class StudyLogActionFilterTests {

	@Autowired
	WebFixture web;

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	MockMvc mvc;

	UserId admin;

	StudyId study;

	@BeforeEach
	void setUp() {
		mvc = web.mvc();
		Department department = fixtures.department("Radiology Action Filter");
		admin = fixtures.sourceAdmin(department, "Action Filter Admin");
		study = fixtures.study(department, "Filter^Action", LocalDate.of(2026, 3, 1), null);
	}

	@Test
	void theActionFilterIsASelectOfTheActionsByNameInTheReadersLanguage() throws Exception {
		String english = page(get("/studies/" + study + "/log"), admin).getContentAsString();
		String select = select(english);
		assertThat(select).contains("<option value=\"\">All</option>")
			.contains("<option value=\"GRANT_WITHDRAWN\">Access withdrawn</option>")
			.contains("<option value=\"STUDY_RESTRICTED\">Study restricted</option>");
		assertThat(select.split("<option ")).hasSize(LogFilter.ACTIONS.size() + 2);
		assertThat(select.indexOf(">Access withdrawn<")).as("by name, alphabetically")
			.isLessThan(select.indexOf(">Study opened<"));

		String german = page(get("/studies/" + study + "/log").cookie(new Cookie("studygate-lang", "de")), admin)
			.getContentAsString();
		assertThat(select(german)).contains("<option value=\"\">Alles</option>")
			.contains("<option value=\"GRANT_WITHDRAWN\">Zugang entzogen</option>");
	}

	@Test
	void pickingAnActionShowsItsEntriesOnlyAndKeepsItSelected() throws Exception {
		page(get("/studies/" + study), admin);

		String filtered = page(get("/studies/" + study + "/log").param("action", "STUDY_REGISTERED"), admin)
			.getContentAsString();

		assertThat(filtered).contains("<option value=\"STUDY_REGISTERED\" selected=\"selected\">")
			.doesNotContain("id=\"filter-error\"");
		String rows = filtered.substring(filtered.indexOf("<tbody"));
		assertThat(rows).contains("Study registered").doesNotContain("Study opened");
	}

	@Test
	void anUnknownActionIsRefusedWithItsOwnNoticeAndChangesNothing() throws Exception {
		int entries = entries();

		MockHttpServletResponse tab = page(get("/studies/" + study + "/log").param("action", "STUDY_EATEN"), admin);
		MockHttpServletResponse api = api(get("/api/v1/studies/" + study + "/log").param("action", "STUDY_EATEN"),
				admin);
		MockHttpServletResponse csv = page(get("/studies/" + study + "/log.csv").param("action", "STUDY_EATEN"), admin);

		assertThat(tab.getStatus()).isEqualTo(200);
		assertThat(tab.getContentAsString()).contains("id=\"filter-error\"")
			.contains("The action asked for is not one of the log")
			.doesNotContain("Exception");
		assertThat(api.getStatus()).isEqualTo(400);
		assertThat(api.getContentType()).contains("application/problem+json");
		assertThat(api.getContentAsString()).contains("action").contains("is not one of the log's actions");
		assertThat(csv.getStatus()).isEqualTo(400);
		assertThat(csv.getContentAsString()).doesNotContain("Exception").doesNotContain("STUDY_REGISTERED");
		assertThat(entries()).as("the tab's own reading is logged, nothing else").isEqualTo(entries + 1);
	}

	@Test
	void everyActionOfTheFilterHasANameInEveryLanguage() throws IOException {
		for (String language : List.of("", "_de", "_fr", "_nl")) {
			Properties bundle = new Properties();
			try (InputStream in = getClass().getResourceAsStream("/i18n/audit" + language + ".properties")) {
				bundle.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
			}
			Set<String> named = bundle.stringPropertyNames()
				.stream()
				.filter(k -> k.startsWith("log.action."))
				.map(k -> k.substring("log.action.".length()))
				.collect(Collectors.toSet());
			assertThat(named).as("audit%s.properties", language).containsExactlyInAnyOrderElementsOf(LogFilter.ACTIONS);
		}
	}

	private int entries() {
		return jdbc.sql("select count(*) from audit.entry where study_id = :s")
			.param("s", study.value())
			.query(Integer.class)
			.single();
	}

	private static String select(String page) {
		String from = page.substring(page.indexOf("<select name=\"action\" id=\"filter-action\">"));
		return from.substring(0, from.indexOf("</select>"));
	}

	private MockHttpServletResponse page(MockHttpServletRequestBuilder request, UserId user) throws Exception {
		return mvc.perform(request.with(authentication(fixtures.signedIn(user)))).andReturn().getResponse();
	}

	private MockHttpServletResponse api(MockHttpServletRequestBuilder request, UserId user) throws Exception {
		return mvc.perform(request.header("Authorization", fixtures.bearer(user))).andReturn().getResponse();
	}

}
