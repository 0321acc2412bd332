package org.studygate.explore;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.studygate.Fixtures;
import org.studygate.StudygateTest;
import org.studygate.WebFixture;
import org.studygate.audit.AuditActor;
import org.studygate.audit.AuditEntry;
import org.studygate.audit.AuditOutcome;
import org.studygate.audit.AuditTrail;
import org.studygate.audit.AuditableEvent;
import org.studygate.audit.LogFilter;
import org.studygate.department.Department;
import org.studygate.directory.UserId;
import org.studygate.study.StudyId;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Every surface that exists writes its entry (one test per surface), and the Study
 * logging tab, its CSV and its API show them only to those who may read them.
 */
@StudygateTest
class StudyLogTests {

	@Autowired
	WebFixture web;

	@Autowired
	Fixtures fixtures;

	@Autowired
	AuditTrail trail;

	@Autowired
	JsonMapper json;

	@Autowired
	ApplicationEventPublisher events;

	MockMvc mvc;

	@BeforeEach
	void setUp() {
		// the request filter of the real server, which binds the channel and client
		// address for the log
		mvc = web.withRequestContext();
	}

	private List<AuditEntry> entriesOf(StudyId study) {
		return trail.studyLog(study.value(), LogFilter.none(), null, 500).items();
	}

	private List<AuditEntry> entriesBy(UserId user) {
		return trail.search(new LogFilter(null, user.toString(), null, null, null, null), null, 500).items();
	}

	@Test
	void openingTheStudyPageWritesStudyOpenedThroughTheExploreChannel() throws Exception {
		Department department = fixtures.department("Radiology Log");
		UserId admin = fixtures.sourceAdmin(department, "Anna Admin");
		StudyId study = fixtures.study(department, "Janssens^Eva", LocalDate.of(2026, 2, 1), null);

		assertThat(page(get("/studies/" + study), admin).getStatus()).isEqualTo(200);

		assertThat(entriesOf(study)).filteredOn(e -> e.action().equals("STUDY_OPENED")).singleElement().satisfies(e -> {
			assertThat(e.actorName()).isEqualTo("Anna Admin");
			assertThat(e.actorKind()).isEqualTo("USER");
			assertThat(e.actorId()).isEqualTo(admin.toString());
			assertThat(e.channel()).isEqualTo("EXPLORE");
			assertThat(e.clientIp()).isNotBlank();
			assertThat(e.outcome()).isEqualTo("SUCCESS");
		});
	}

	@Test
	void openingTheStudyThroughTheApiWritesStudyOpenedThroughTheApiChannel() throws Exception {
		Department department = fixtures.department("Radiology Log API");
		UserId admin = fixtures.sourceAdmin(department, "Api Admin");
		StudyId study = fixtures.study(department, "Janssens^Eva", LocalDate.of(2026, 2, 1), null);

		assertThat(api(get("/api/v1/studies/" + study), admin).getStatus()).isEqualTo(200);

		assertThat(entriesOf(study)).filteredOn(e -> e.action().equals("STUDY_OPENED"))
			.singleElement()
			.extracting(AuditEntry::channel)
			.isEqualTo("API");
	}

	@Test
	void aListingWritesOneEntryWhateverTheNumberOfRows() throws Exception {
		Department department = fixtures.department("Radiology Listing");
		UserId user = fixtures.sourceUser(department, "Lisa Lister");
		for (int i = 0; i < 3; i++) {
			fixtures.study(department, "Listed^Patient", LocalDate.of(2026, 1, 1 + i), null);
		}

		assertThat(api(get("/api/v1/studies"), user).getStatus()).isEqualTo(200);
		assertThat(page(get("/explore"), user).getStatus()).isEqualTo(200);

		List<AuditEntry> listings = entriesBy(user).stream().filter(e -> e.action().equals("STUDIES_LISTED")).toList();
		assertThat(listings).extracting(AuditEntry::channel).containsExactlyInAnyOrder("API", "EXPLORE");
		assertThat(listings).allSatisfy(e -> assertThat(e.details()).containsEntry("count", "3"));
	}

	@Test
	void aDeniedStudyIsLoggedEvenThoughTheRequestRollsBack() throws Exception {
		Department department = fixtures.department("Radiology Denied");
		UserId stranger = fixtures.physician("Dr Stranger", Fixtures.physicianNumber());
		StudyId study = fixtures.study(department, "Hidden^Person", LocalDate.of(2026, 2, 1), null);

		assertThat(page(get("/studies/" + study), stranger).getStatus()).isEqualTo(404);
		assertThat(api(get("/api/v1/studies/" + study), stranger).getStatus()).isEqualTo(404);

		assertThat(entriesOf(study)).filteredOn(e -> e.outcome().equals("DENIED")).hasSize(2).allSatisfy(e -> {
			assertThat(e.action()).isEqualTo("LIST");
			assertThat(e.actorName()).isEqualTo("Dr Stranger");
		});
	}

	@Test
	void registeringAStudyIsLogged() {
		Department department = fixtures.department("Radiology Registered");

		StudyId study = fixtures.study(department, "New^Study", LocalDate.of(2026, 2, 1), null);

		assertThat(entriesOf(study)).filteredOn(e -> e.action().equals("STUDY_REGISTERED"))
			.singleElement()
			.satisfies(e -> assertThat(e.actorKind()).isEqualTo("SYSTEM"));
	}

	@Test
	void staffLoginsAreLoggedWhetherTheySucceedOrFail() throws Exception {
		UserId user = fixtures.user("Larry Login");
		String username = fixtures.usernameOf(user);

		mvc.perform(post("/login").param("username", username).param("password", "wrong-pass-1").with(csrf()));
		mvc.perform(post("/login").param("username", username).param("password", Fixtures.PASSWORD).with(csrf()));

		List<AuditEntry> logins = entriesBy(user).stream().filter(e -> e.action().equals("STAFF_LOGIN")).toList();
		assertThat(logins).extracting(AuditEntry::outcome).containsExactlyInAnyOrder("SUCCESS", "FAILURE");
		assertThat(logins).allSatisfy(e -> assertThat(e.clientIp()).isNotBlank());
	}

	@Test
	void theStudyLoggingTabShowsTheEntriesAndLogsItsOwnReading() throws Exception {
		Department department = fixtures.department("Radiology Tab");
		UserId admin = fixtures.sourceAdmin(department, "Tab Admin");
		StudyId study = fixtures.study(department, "Tab^Patient", LocalDate.of(2026, 2, 1), null);
		page(get("/studies/" + study), admin);

		MockHttpServletResponse response = page(get("/studies/" + study + "/log"), admin);

		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getContentAsString()).contains("STUDY_OPENED", "Tab Admin", "id=\"chart\"", "tab-log");
		assertThat(entriesOf(study)).extracting(AuditEntry::action).contains("STUDY_LOG_READ");
		MockHttpServletResponse filtered = page(get("/studies/" + study + "/log").param("action", "study_registered"),
				admin);
		assertThat(filtered.getContentAsString()).contains("STUDY_REGISTERED").doesNotContain(">STUDY_OPENED<");
	}

	@Test
	void badFiltersOnTheTabGiveAFriendlyNoticeNotAnError() throws Exception {
		Department department = fixtures.department("Radiology Bad Filter");
		UserId admin = fixtures.sourceAdmin(department, "Filter Admin");
		StudyId study = fixtures.study(department, "Filter^Patient", LocalDate.of(2026, 2, 1), null);

		MockHttpServletResponse badDate = page(get("/studies/" + study + "/log").param("from", "yesterday"), admin);
		MockHttpServletResponse badChannel = page(get("/studies/" + study + "/log").param("channel", "FAX"), admin);

		assertThat(badDate.getStatus()).isEqualTo(200);
		assertThat(badDate.getContentAsString()).contains("id=\"filter-error\"");
		assertThat(badChannel.getContentAsString()).contains("id=\"filter-error\"").doesNotContain("Exception");
	}

	@Test
	void aPhysicianWhoMayListButNotReadTheLogIsRefusedAndTheRefusalIsLogged() throws Exception {
		Department department = fixtures.department("Radiology Refuse");
		String number = Fixtures.physicianNumber();
		UserId physician = fixtures.physician("Dr Requester", number);
		StudyId study = fixtures.study(department, "Refused^Patient", LocalDate.of(2026, 2, 1), number);

		assertThat(page(get("/studies/" + study + "/log"), physician).getStatus()).isEqualTo(403);
		assertThat(api(get("/api/v1/studies/" + study + "/log"), physician).getStatus()).isEqualTo(403);

		assertThat(entriesOf(study)).filteredOn(e -> e.outcome().equals("DENIED"))
			.hasSize(2)
			.allSatisfy(e -> assertThat(e.action()).isEqualTo("READ_LOG"));
	}

	@Test
	void theLogApiOfAnotherDepartmentsStudyIsNotFoundAndTheProbeIsLogged() throws Exception {
		Department mine = fixtures.department("Radiology Mine");
		Department theirs = fixtures.department("Radiology Theirs");
		UserId admin = fixtures.sourceAdmin(mine, "Idor Admin");
		StudyId study = fixtures.study(theirs, "Other^Patient", LocalDate.of(2026, 2, 1), null);

		MockHttpServletResponse response = api(get("/api/v1/studies/" + study + "/log"), admin);
		MockHttpServletResponse unknown = api(get("/api/v1/studies/" + UUID.randomUUID() + "/log"), admin);
		MockHttpServletResponse csv = page(get("/studies/" + study + "/log.csv"), admin);
		assertThat(csv.getStatus()).isEqualTo(404);
		assertThat(csv.getHeader("Content-Disposition")).isNull();
		assertThat(csv.getContentAsString()).doesNotContain("Other^Patient");

		assertThat(response.getStatus()).isEqualTo(404);
		assertThat(unknown.getStatus()).isEqualTo(404);
		assertThat(response.getContentAsString()).doesNotContain("Other^Patient");
		assertThat(entriesOf(study)).filteredOn(e -> e.outcome().equals("DENIED"))
			.hasSize(2)
			.extracting(AuditEntry::actorName)
			.containsOnly("Idor Admin");
	}

	@Test
	void theLogApiAnswersTheListShapeNewestFirstAndPages() throws Exception {
		Department department = fixtures.department("Radiology Log Shape");
		UserId admin = fixtures.sourceAdmin(department, "Shape Admin");
		StudyId study = fixtures.study(department, "Shape^Patient", LocalDate.of(2026, 2, 1), null);
		api(get("/api/v1/studies/" + study), admin);
		api(get("/api/v1/studies/" + study), admin);

		Map<String, Object> first = getJson("/api/v1/studies/" + study + "/log?limit=2", admin);

		List<Map<String, Object>> items = items(first);
		assertThat(items).hasSize(2);
		assertThat(items.get(0).keySet()).contains("at", "actorKind", "actorId", "actorName", "channel", "action",
				"outcome", "clientIp");
		assertThat(items.get(0).get("at").toString()).isGreaterThanOrEqualTo(items.get(1).get("at").toString());
		assertThat(first.get("next")).isNotNull();
		Map<String, Object> second = getJson("/api/v1/studies/" + study + "/log?limit=2&after=" + first.get("next"),
				admin);
		assertThat(items(second)).isNotEmpty();
		assertThat(items(second).get(0)).isNotEqualTo(items.get(0));
	}

	@Test
	void badInputToTheLogApiIsAProblemDetail() throws Exception {
		Department department = fixtures.department("Radiology Log Input");
		UserId admin = fixtures.sourceAdmin(department, "Input Admin");
		StudyId study = fixtures.study(department, "Input^Patient", LocalDate.of(2026, 2, 1), null);

		for (String query : List.of("limit=100000", "limit=0", "from=not-a-date", "channel=FAX", "outcome=MAYBE",
				"after=%21%21", "from=2026-02-01&to=2026-01-01")) {
			MockHttpServletResponse response = api(get("/api/v1/studies/" + study + "/log?" + query), admin);
			assertThat(response.getStatus()).as(query).isEqualTo(400);
			assertThat(response.getContentType()).as(query).contains("application/problem+json");
			assertThat(response.getContentAsString()).as(query).doesNotContain("Exception");
		}
	}

	/** An event carrying hostile text, as a later feature might publish it. */
	record Hostile(java.time.Instant occurredAt, AuditActor actor, UUID studyId) implements AuditableEvent {

		@Override
		public String action() {
			return "REPORT_READ";
		}

		@Override
		public AuditOutcome outcome() {
			return AuditOutcome.SUCCESS;
		}

		@Override
		public Map<String, String> details() {
			return Map.of("reason", "<img src=x onerror=alert(2)>", "formula", "=HYPERLINK(\"http://evil\")");
		}

	}

	@Test
	void hostileTextIsEscapedInTheTabAndDefusedInTheCsv() throws Exception {
		Department department = fixtures.department("Radiology Xss");
		UserId admin = fixtures.sourceAdmin(department, "Xss Admin");
		StudyId study = fixtures.study(department, "Xss^Patient", LocalDate.of(2026, 2, 1), null);
		events.publishEvent(new Hostile(java.time.Instant.parse("2026-02-02T10:00:00Z"),
				new AuditActor("SHARE_CODE", "b1", "<script>alert(1)</script>"), study.value()));
		events.publishEvent(new Hostile(java.time.Instant.parse("2026-02-02T10:01:00Z"),
				new AuditActor("SHARE_CODE", "b2", "=cmd|' /C calc'!A0"), study.value()));

		String tab = page(get("/studies/" + study + "/log"), admin).getContentAsString();
		MockHttpServletResponse csv = page(get("/studies/" + study + "/log.csv"), admin);

		assertThat(tab).doesNotContain("<script>alert(1)</script>", "<img src=x")
			.contains("&lt;script&gt;alert(1)&lt;/script&gt;");
		assertThat(csv.getStatus()).isEqualTo(200);
		assertThat(csv.getContentType()).startsWith("text/csv");
		assertThat(csv.getHeader("Content-Disposition")).startsWith("attachment");
		String text = csv.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
		assertThat(text).startsWith("at,actorKind,actorId,actorName");
		assertThat(text).contains("\"'=cmd|' /C calc'!A0\"").doesNotContain(",\"=cmd");
		assertThat(text).contains("formula==HYPERLINK").contains("\"<script>alert(1)</script>\"");
		assertThat(entriesOf(study)).filteredOn(e -> e.action().equals("STUDY_LOG_READ"))
			.extracting(e -> e.details().get("format"))
			.contains("PAGE", "CSV");
	}

	@Test
	void onlyTheServiceDeskSearchesTheWholeLogAndVerifiesTheChain() throws Exception {
		Department department = fixtures.department("Radiology Desk");
		UserId admin = fixtures.sourceAdmin(department, "Not Desk");
		UserId desk = fixtures.serviceDesk("Desk Dana");

		assertThat(page(get("/admin/audit"), admin).getStatus()).isEqualTo(403);
		assertThat(api(get("/api/v1/admin/audit/verify"), admin).getStatus()).isEqualTo(403);
		assertThat(entriesBy(admin)).filteredOn(e -> e.action().equals("AUDIT_EXPORT_READ"))
			.extracting(AuditEntry::outcome)
			.containsExactly("DENIED", "DENIED");
		MockHttpServletResponse search = page(get("/admin/audit").param("actor", "Desk Dana"), desk);
		assertThat(search.getStatus()).isEqualTo(200);
		assertThat(search.getContentAsString()).contains("id=\"log-filters\"");

		Map<String, Object> report = getJson("/api/v1/admin/audit/verify?from=2090-01-01&to=2090-01-02", desk);
		assertThat(report).containsKeys("intact", "linksChecked", "firstBroken", "unsealedOverdue");
		assertThat(api(get("/api/v1/admin/audit/verify?from=yesterday"), desk).getStatus()).isEqualTo(400);
		assertThat(entriesBy(desk)).extracting(AuditEntry::action).contains("AUDIT_EXPORT_READ");
	}

	@Test
	void whoAccessedNamesTheUsersButNotThePatientsOwnCodeSessions() {
		Department department = fixtures.department("Radiology Who");
		UserId admin = fixtures.sourceAdmin(department, "Who Admin");
		StudyId study = fixtures.study(department, "Who^Patient", LocalDate.of(2026, 2, 1), null);
		StudyId other = fixtures.study(department, "Who^Patient", LocalDate.of(2026, 2, 2), null);
		events.publishEvent(new StudyOpened(java.time.Instant.parse("2026-02-03T08:00:00Z"),
				fixtures.actor(admin).asAuditActor(), study.value(), "SOURCE_ADMIN", "EXPLORE"));
		events.publishEvent(new StudyOpened(java.time.Instant.parse("2026-02-03T09:00:00Z"),
				new AuditActor("PATIENT_CODE", "bucket-1", "patient"), study.value(), "CODE", "PATIENT_PORTAL"));
		events.publishEvent(new StudyOpened(java.time.Instant.parse("2026-02-03T10:00:00Z"),
				new AuditActor("SHARE_CODE", "bucket-2", "Colleague Abroad"), other.value(), "CODE", "BUCKET"));

		List<AuditEntry> who = trail.whoAccessed(List.of(study.value(), other.value()));

		assertThat(who).extracting(AuditEntry::actorName).containsExactly("Colleague Abroad", "Who Admin");
		assertThat(who).extracting(AuditEntry::channel).containsExactly("BUCKET", "EXPLORE");
	}

	private MockHttpServletResponse page(MockHttpServletRequestBuilder request, UserId user) throws Exception {
		return mvc.perform(request.with(authentication(fixtures.signedIn(user)))).andReturn().getResponse();
	}

	private MockHttpServletResponse api(MockHttpServletRequestBuilder request, UserId user) throws Exception {
		return mvc.perform(request.header("Authorization", fixtures.bearer(user))).andReturn().getResponse();
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> getJson(String url, UserId user) throws Exception {
		MockHttpServletResponse response = api(get(url), user);
		assertThat(response.getStatus()).as(url).isEqualTo(200);
		return json.readValue(response.getContentAsString(), Map.class);
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> items(Map<String, Object> page) {
		return (List<Map<String, Object>>) page.get("items");
	}

}
