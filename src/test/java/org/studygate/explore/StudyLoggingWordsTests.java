package org.studygate.explore;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.studygate.Fixtures;
import org.studygate.StudygateTest;
import org.studygate.WebFixture;
import org.studygate.department.Department;
import org.studygate.directory.UserId;
import org.studygate.refcode.IssuedCode;
import org.studygate.refcode.PatientFixtures;
import org.studygate.study.StudyId;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The Study logging tab as its readers read it (docs/guide/access-log.md, decision 063):
 * actions in the reader's language and never as a raw code, times in the department's
 * time zone with UTC on hover, the filter accesses / administration / all, and the
 * patient's "who looked" in plain words.
 */
@StudygateTest
class StudyLoggingWordsTests {

	private static final Pattern ACTION_CELL = Pattern.compile("<td class=\"action\"[^>]*>([^<]*)</td>");

	@Autowired
	WebFixture web;

	@Autowired
	Fixtures fixtures;

	@Autowired
	PatientFixtures patients;

	@Autowired
	JsonMapper json;

	static List<String> actions(String page) {
		List<String> found = new ArrayList<>();
		Matcher m = ACTION_CELL.matcher(page);
		while (m.find()) {
			found.add(m.group(1).strip());
		}
		return found;
	}

	String log(MockMvc mvc, UserId admin, StudyId study, String query) throws Exception {
		return mvc.perform(get("/studies/" + study + "/log" + query).with(authentication(fixtures.signedIn(admin))))
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	@Test
	void theDutchTabShowsActionsInWordsInTheDepartmentsTimeAndFiltersAccessesFromAdministration() throws Exception {
		MockMvc mvc = web.mvc();
		Department department = fixtures.department("Radiologie Logboek");
		UserId admin = fixtures.sourceAdmin(department, "Logboek Beheerder");
		StudyId study = patients.study(department, 3);
		mvc.perform(get("/studies/" + study).with(authentication(fixtures.signedIn(admin))));
		mvc.perform(get("/studies/" + study + "/access").with(authentication(fixtures.signedIn(admin))));

		String dutch = log(mvc, admin, study, "?lang=nl");
		List<String> shown = actions(dutch);
		assertThat(shown).contains("Onderzoek geopend", "Tabblad Toegang geopend", "Onderzoek geregistreerd");
		assertThat(shown).noneMatch(a -> a.matches("[A-Z]+(_[A-Z]+)*"));
		// the department's time, UTC on hover
		assertThat(dutch).contains("<time datetime=").contains(" UTC\"");
		// and the tab says which zone that is, not "UTC"
		String zone = department.timeZone().getId();
		assertThat(dutch).contains("Tijden in de tijdzone van de afdeling, " + zone).doesNotContain("Tijden in UTC");
		assertThat(log(mvc, admin, study, "?lang=en")).contains("Times are in the department&#39;s time zone, " + zone);

		List<String> accesses = actions(log(mvc, admin, study, "?lang=en&kind=ACCESSES"));
		assertThat(accesses).isNotEmpty().containsOnly("Study opened");
		List<String> administration = actions(log(mvc, admin, study, "?lang=en&kind=ADMINISTRATION"));
		assertThat(administration).contains("Access tab opened").doesNotContain("Study opened");
		// an unknown kind is refused with the filter's message, not matched against
		// nothing
		assertThat(log(mvc, admin, study, "?lang=en&kind=EVERYTHING")).contains("id=\"filter-error\"");

		// the CSV keeps codes and UTC, for machines
		String csv = mvc
			.perform(get("/studies/" + study + "/log.csv?kind=ACCESSES").with(authentication(fixtures.signedIn(admin))))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(csv).contains("\"STUDY_OPENED\"").doesNotContain("\"ACCESS_TAB_OPENED\"");
		assertThat(csv).containsPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");

		// the API takes the same filter and keeps the codes
		String api = mvc
			.perform(get("/api/v1/studies/" + study + "/log?kind=ACCESSES").header("Authorization",
					fixtures.bearer(admin)))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(api).contains("\"STUDY_OPENED\"").doesNotContain("\"ACCESS_TAB_OPENED\"");

		// a physician without the right still gets nothing
		UserId outsider = fixtures.physician("Dr Nieuwsgierig", Fixtures.physicianNumber());
		assertThat(mvc
			.perform(get("/studies/" + study + "/log?kind=ACCESSES").with(authentication(fixtures.signedIn(outsider))))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(404);
	}

	@Test
	void thePatientReadsWhoLookedInPlainWords() throws Exception {
		MockMvc mvc = web.mvc();
		Department department = fixtures.department("Radiology Who Looked");
		UserId admin = fixtures.sourceAdmin(department, "Hanne Admin");
		StudyId study = patients.study(department, 3);
		IssuedCode code = patients.code(study);
		mvc.perform(get("/studies/" + study).with(authentication(fixtures.signedIn(admin))));

		MockHttpSession session = new MockHttpSession();
		assertThat(mvc.perform(post("/patient/api/login").contentType(MediaType.APPLICATION_JSON)
			.content(json.writeValueAsString(
					Map.of("referenceNumber", code.code(), "birthDate", PatientFixtures.BIRTH_DATE.toString())))
			.with(request -> {
				request.setRemoteAddr("10.75.0." + (1 + Math.abs(code.code().hashCode() % 200)));
				return request;
			})
			.session(session)).andReturn().getResponse().getStatus()).isEqualTo(200);
		String page = mvc.perform(get("/patient/studies/" + study).session(session).param("lang", "en"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("Hanne Admin opened the study").doesNotContain(">STUDY_OPENED<");
	}

}
