package org.studygate.access;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.studygate.Fixtures;
import org.studygate.StudygateTest;
import org.studygate.WebFixture;
import org.studygate.department.Department;
import org.studygate.directory.GroupId;
import org.studygate.directory.GroupKind;
import org.studygate.directory.Groups;
import org.studygate.directory.NewGroup;
import org.studygate.directory.UserId;
import org.studygate.directory.setup.DirectorySetup;
import org.studygate.study.StudyId;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The access resources of the REST API and the Access tab: what they answer, who is
 * refused, and that a refused request changes nothing.
 */
@StudygateTest
@RecordApplicationEvents
class AccessApiTests {

	@Autowired
	WebFixture web;

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	@Autowired
	Groups groups;

	@Autowired
	DirectorySetup setup;

	@Autowired
	ApplicationEvents events;

	MockMvc mvc;

	Department north;

	Department south;

	UserId admin;

	String requesterNumber;

	UserId requester;

	UserId colleague;

	StudyId study;

	@BeforeEach
	void setUp() {
		mvc = web.mvc();
		north = fixtures.department("Radiology North");
		south = fixtures.department("Radiology South");
		admin = fixtures.sourceAdmin(north, "Admin North");
		requesterNumber = Fixtures.physicianNumber();
		requester = fixtures.physician("Dr Requester", requesterNumber);
		colleague = fixtures.physician("Dr Colleague", Fixtures.physicianNumber());
		study = fixtures.study(north, "Peeters^Ann", LocalDate.of(2026, 2, 1), requesterNumber);
	}

	@Test
	void adminReadsTheUsersSectionWithGrantsAndTheImplicitWaysIn() throws Exception {
		grant(admin, study, colleague, "IMAGES");

		MockHttpServletResponse response = perform(get("/api/v1/studies/" + study + "/access"), admin);

		assertThat(response.getStatus()).isEqualTo(200);
		JsonNode body = json.readTree(response.getContentAsString());
		List<String> origins = body.get("users").valueStream().map(u -> u.get("origin").asString()).toList();
		assertThat(origins).contains("RULE", "SOURCE_ADMINS", "SOURCE_USERS", "REQUESTER");
		JsonNode explicit = body.get("users")
			.valueStream()
			.filter(u -> u.get("origin").asString().equals("RULE"))
			.findFirst()
			.orElseThrow();
		assertThat(explicit.get("subjectId").asString()).isEqualTo(colleague.toString());
		assertThat(explicit.get("subjectName").asString()).isEqualTo("Dr Colleague");
		assertThat(explicit.get("withdrawable").asBoolean()).isTrue();
		assertThat(explicit.get("grantedBy").asString()).isEqualTo("Admin North");
		JsonNode implicit = body.get("users")
			.valueStream()
			.filter(u -> u.get("origin").asString().equals("REQUESTER"))
			.findFirst()
			.orElseThrow();
		assertThat(implicit.get("withdrawable").asBoolean()).as("withdrawn by an exclusion").isTrue();
		assertThat(implicit.get("grantId").isNull()).isTrue();
		for (String section : List.of("unlocked", "transfers", "buckets", "referenceNumbers")) {
			assertThat(body.get(section).isArray()).isTrue();
			assertThat(body.get(section).size()).isZero();
		}
		assertThat(body.get("rsw").get("state").asString()).isEqualTo("NOT_SENT");
		assertThat(body.properties().stream().map(java.util.Map.Entry::getKey).toList()).as("each section in its order")
			.containsExactly("users", "unlocked", "transfers", "buckets", "referenceNumbers", "rsw");
		assertThat(events.stream(AccessTabOpened.class).filter(e -> e.studyId().equals(study.value()))).hasSize(1);
	}

	@Test
	void malformedIdentifiersInAddressesAreNotFound() throws Exception {
		assertThat(perform(get("/api/v1/studies/not-a-uuid/access"), admin).getStatus()).isEqualTo(404);
		assertThat(perform(delete("/api/v1/studies/" + study + "/grants/not-a-uuid").param("reason", "typo"), admin)
			.getStatus()).isEqualTo(404);
		assertThat(
				perform(get("/api/v1/access/explain").param("studyId", study.toString()).param("userId", "x1"), admin)
					.getStatus())
			.as("was 400 before identifiers were typed")
			.isEqualTo(404);
		assertThat(mvc
			.perform(get("/studies/" + study + "/access/groups/not-a-uuid")
				.with(authentication(fixtures.signedIn(admin))))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(404);
		assertThat(mvc
			.perform(get("/studies/" + study + "/access").param("explain", "x1")
				.with(authentication(fixtures.signedIn(admin))))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(404);
	}

	@Test
	void aGrantLetsThePhysicianInAndItsWithdrawalShutsHimOutOnTheNextRequest() throws Exception {
		assertThat(perform(get("/api/v1/studies/" + study), colleague).getStatus()).isEqualTo(404);

		String grantId = grant(admin, study, colleague, "IMAGES_REPORT_READ");
		assertThat(perform(get("/api/v1/studies/" + study), colleague).getStatus()).isEqualTo(200);

		MockHttpServletResponse withdrawn = perform(
				delete("/api/v1/studies/" + study + "/grants/" + grantId).param("reason", "wrong physician"), admin);
		assertThat(withdrawn.getStatus()).isEqualTo(204);
		assertThat(perform(get("/api/v1/studies/" + study), colleague).getStatus()).isEqualTo(404);
		assertThat(events.stream(AccessGranted.class).filter(e -> e.studyId().equals(study.value()))).hasSize(1);
		assertThat(events.stream(GrantWithdrawn.class).filter(e -> e.studyId().equals(study.value()))).singleElement()
			.satisfies(e -> assertThat(e.details()).containsEntry("reason", "wrong physician"));
	}

	@Test
	void anAdminOfAnotherDepartmentFindsNeitherTheTabNorTheGrantsOfItsStudies() throws Exception {
		UserId stranger = fixtures.sourceAdmin(south, "Admin South");
		String grantId = grant(admin, study, colleague, "IMAGES");
		int before = liveGrants(study);

		assertThat(perform(get("/api/v1/studies/" + study + "/access"), stranger).getStatus()).isEqualTo(404);
		assertThat(perform(post("/api/v1/studies/" + study + "/grants").contentType(MediaType.APPLICATION_JSON)
			.content(grantBody(stranger, "IMAGES")), stranger).getStatus()).isEqualTo(404);
		assertThat(
				perform(delete("/api/v1/studies/" + study + "/grants/" + grantId).param("reason", "mine now"), stranger)
					.getStatus())
			.isEqualTo(404);
		assertThat(mvc.perform(get("/studies/" + study + "/access").with(authentication(fixtures.signedIn(stranger))))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(404);
		assertThat(mvc
			.perform(post("/studies/" + study + "/access/grants/" + grantId + "/withdraw").param("reason", "mine now")
				.with(csrf())
				.with(authentication(fixtures.signedIn(stranger))))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(404);

		assertThat(liveGrants(study)).isEqualTo(before);
		assertThat(jdbc.sql("select count(*) from access.study_grant where subject_id = :s")
			.param("s", stranger.value())
			.query(Integer.class)
			.single()).isZero();
	}

	@Test
	void aGrantIdOfAnotherStudyInTheUrlIsRefusedAndTheGrantStays() throws Exception {
		StudyId other = fixtures.study(north, "Janssens^Bo", LocalDate.of(2026, 2, 2), null);
		String grantOfOther = grant(admin, other, colleague, "IMAGES");

		MockHttpServletResponse response = perform(
				delete("/api/v1/studies/" + study + "/grants/" + grantOfOther).param("reason", "tidy up"), admin);

		assertThat(response.getStatus()).isEqualTo(404);
		assertThat(response.getContentType()).startsWith("application/problem+json");
		assertThat(liveGrants(other)).isEqualTo(1);
		assertThat(perform(get("/api/v1/studies/" + other), colleague).getStatus()).isEqualTo(200);
	}

	@Test
	void aWithdrawalWithoutAReasonIsRefusedAndChangesNothing() throws Exception {
		String grantId = grant(admin, study, colleague, "IMAGES");

		MockHttpServletResponse response = perform(delete("/api/v1/studies/" + study + "/grants/" + grantId), admin);

		assertThat(response.getStatus()).isEqualTo(400);
		assertThat(json.readTree(response.getContentAsString()).get("field").asString()).isEqualTo("reason");
		assertThat(liveGrants(study)).isEqualTo(1);
	}

	@Test
	void aGrantEndingInThePastIsRefusedAndStoresNothing() throws Exception {
		MockHttpServletResponse response = perform(
				post("/api/v1/studies/" + study + "/grants").contentType(MediaType.APPLICATION_JSON)
					.content(grantBody(colleague, "IMAGES").replace("}", ",\"validUntil\":\"2001-01-01T00:00:00Z\"}")),
				admin);

		assertThat(response.getStatus()).isEqualTo(400);
		assertThat(json.readTree(response.getContentAsString()).get("field").asString()).isEqualTo("validUntil");
		assertThat(liveGrants(study)).isZero();
	}

	@Test
	void aSourceUserMayNotOpenTheAccessTabNorGrant() throws Exception {
		UserId clerk = fixtures.sourceUser(north, "Clerk North");

		assertThat(perform(get("/api/v1/studies/" + study + "/access"), clerk).getStatus()).isEqualTo(403);
		assertThat(perform(post("/api/v1/studies/" + study + "/grants").contentType(MediaType.APPLICATION_JSON)
			.content(grantBody(colleague, "IMAGES")), clerk).getStatus()).isEqualTo(403);
		assertThat(liveGrants(study)).isZero();
	}

	@Test
	void theRequesterSharesThreeStudiesAndEachStudyLogsItsShare() throws Exception {
		StudyId second = fixtures.study(north, "Peeters^Ann", LocalDate.of(2026, 2, 3), requesterNumber);
		StudyId third = fixtures.study(north, "Peeters^Ann", LocalDate.of(2026, 2, 4), requesterNumber);
		GroupId practice = fixtures.practice("Practice Share");

		MockHttpServletResponse response = share(requester, List.of(study, second, third),
				List.of("USER:" + colleague, "GROUP:" + practice, "DEPARTMENT:" + south.id().value()),
				"IMAGES_REPORT_READ", LocalDate.now(fixtures.clock()).plusDays(10).toString(), "Please review");

		assertThat(response.getStatus()).isEqualTo(201);
		assertThat(json.readTree(response.getContentAsString()).get("grants").size()).isEqualTo(9);
		assertThat(perform(get("/api/v1/studies/" + third), colleague).getStatus()).isEqualTo(200);
		UserId southClerk = fixtures.sourceUser(south, "Clerk South");
		assertThat(perform(get("/api/v1/studies/" + third), southClerk).getStatus()).isEqualTo(200);
		List<StudyShared> shared = events.stream(StudyShared.class)
			.filter(e -> List.of(study.value(), second.value(), third.value()).contains(e.studyId()))
			.toList();
		assertThat(shared).hasSize(3);
		assertThat(shared.get(0).recipients()).hasSize(3);
		assertThat(liveGrants(study)).isEqualTo(3);
	}

	@Test
	void aGranteeWithoutMayShareCannotShare() throws Exception {
		grant(admin, study, colleague, "IMAGES_REPORT_READ");
		UserId third = fixtures.physician("Dr Third", Fixtures.physicianNumber());

		MockHttpServletResponse response = share(colleague, List.of(study), List.of("USER:" + third), "IMAGES", null,
				null);

		assertThat(response.getStatus()).isEqualTo(403);
		assertThat(liveGrants(study)).isEqualTo(1);
		assertThat(perform(get("/api/v1/studies/" + study), third).getStatus()).isEqualTo(404);
	}

	@Test
	void aGranteeMayNotShareMoreThanHeSees() throws Exception {
		grantWithShare(admin, study, colleague, "IMAGES");
		UserId third = fixtures.physician("Dr Third", Fixtures.physicianNumber());

		assertThat(share(colleague, List.of(study), List.of("USER:" + third), "IMAGES_REPORT_READ", null, null)
			.getStatus()).isEqualTo(403);
		assertThat(share(colleague, List.of(study), List.of("USER:" + third), "IMAGES", null, null).getStatus())
			.isEqualTo(201);
	}

	@Test
	void aShareBeyondTheDepartmentMaximumIsRefusedAndStoresNothing() throws Exception {
		LocalDate tooLate = LocalDate.now(fixtures.clock().withZone(north.timeZone()))
			.plusDays(north.settings().shareValidityMaximumDays() + 1);

		MockHttpServletResponse response = share(requester, List.of(study), List.of("USER:" + colleague), "IMAGES",
				tooLate.toString(), null);

		assertThat(response.getStatus()).isEqualTo(400);
		assertThat(json.readTree(response.getContentAsString()).get("field").asString()).isEqualTo("validUntil");
		assertThat(liveGrants(study)).isZero();
	}

	@Test
	void aShareWithoutAnEndLastsTheDepartmentDefault() throws Exception {
		MockHttpServletResponse response = share(requester, List.of(study), List.of("USER:" + colleague), "IMAGES",
				null, null);

		assertThat(response.getStatus()).isEqualTo(201);
		String until = json.readTree(response.getContentAsString()).get("validUntil").asString();
		LocalDate lastDay = LocalDate.now(fixtures.clock().withZone(north.timeZone()))
			.plusDays(north.settings().shareValidityDefaultDays());
		assertThat(until).isEqualTo(lastDay.plusDays(1).atStartOfDay(north.timeZone()).toInstant().toString());
	}

	@Test
	void moreThanThreeRecipientsAreRefused() throws Exception {
		List<String> four = List.of("USER:" + colleague, "USER:" + admin,
				"USER:" + fixtures.physician("Dr A", Fixtures.physicianNumber()),
				"USER:" + fixtures.physician("Dr B", Fixtures.physicianNumber()));

		MockHttpServletResponse response = share(requester, List.of(study), four, "IMAGES", null, null);

		assertThat(response.getStatus()).isEqualTo(400);
		assertThat(json.readTree(response.getContentAsString()).get("field").asString()).isEqualTo("recipients");
		assertThat(liveGrants(study)).isZero();
	}

	@Test
	void studiesFromTwoDepartmentsAreRefusedAndNothingIsStored() throws Exception {
		StudyId southern = fixtures.study(south, "Peeters^Ann", LocalDate.of(2026, 2, 5), requesterNumber);

		MockHttpServletResponse response = share(requester, List.of(study, southern), List.of("USER:" + colleague),
				"IMAGES", null, null);

		assertThat(response.getStatus()).isEqualTo(400);
		assertThat(json.readTree(response.getContentAsString()).get("field").asString()).isEqualTo("studyIds");
		assertThat(liveGrants(study)).isZero();
		assertThat(liveGrants(southern)).isZero();
	}

	@Test
	void anUnknownRecipientIsRefusedAndNothingIsStored() throws Exception {
		MockHttpServletResponse response = share(requester, List.of(study),
				List.of("USER:" + colleague, "USER:" + UUID.randomUUID()), "IMAGES", null, null);

		assertThat(response.getStatus()).isEqualTo(400);
		assertThat(liveGrants(study)).isZero();
	}

	@Test
	void explainNamesEveryWayInWithItsGroupGranterAndEnd() throws Exception {
		GroupId practice = fixtures.practice("Practice Linde", colleague);
		String groupName = groups.find(practice).orElseThrow().name();
		perform(post("/api/v1/studies/" + study + "/grants").contentType(MediaType.APPLICATION_JSON).content("""
				{"subjectType":"GROUP","subjectId":"%s","scope":"IMAGES","validUntil":"2099-01-01T00:00:00Z"}
				""".formatted(practice)), admin);
		grant(admin, study, colleague, "IMAGES_REPORT_READ");

		MockHttpServletResponse response = perform(
				get("/api/v1/access/explain").param("studyId", study.toString()).param("userId", colleague.toString()),
				admin);

		assertThat(response.getStatus()).isEqualTo(200);
		JsonNode actions = json.readTree(response.getContentAsString()).get("actions");
		JsonNode list = actions.valueStream()
			.filter(a -> a.get("action").asString().equals("LIST"))
			.findFirst()
			.orElseThrow();
		assertThat(list.get("permitted").asBoolean()).isTrue();
		List<String> ways = list.get("ways").valueStream().map(JsonNode::asString).toList();
		assertThat(ways).hasSize(2);
		assertThat(ways).anySatisfy(w -> assertThat(w).contains("via group " + groupName)
			.contains("granted by Admin North")
			.contains("until 2099-01-01"));
		JsonNode report = actions.valueStream()
			.filter(a -> a.get("action").asString().equals("VIEW_REPORT"))
			.findFirst()
			.orElseThrow();
		assertThat(report.get("ways").size()).isEqualTo(1);
		JsonNode manage = actions.valueStream()
			.filter(a -> a.get("action").asString().equals("MANAGE_ACCESS"))
			.findFirst()
			.orElseThrow();
		assertThat(manage.get("permitted").asBoolean()).isFalse();
		assertThat(manage.get("deniedReason").asString()).isNotBlank();
		assertThat(events.stream(AccessExplained.class).filter(e -> e.studyId().equals(study.value()))).hasSize(1);
	}

	@Test
	void theAccessTabShowsTheUsersSectionAndWithdrawsOneRowInPlace() throws Exception {
		String grantId = grant(admin, study, colleague, "IMAGES");

		String page = mvc.perform(get("/studies/" + study + "/access").with(authentication(fixtures.signedIn(admin))))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("id=\"tab-access\"")
			.contains("Dr Colleague")
			.contains("access-unlocked")
			.contains("/js/access.js");

		MockHttpServletResponse row = mvc
			.perform(post("/studies/" + study + "/access/grants/" + grantId + "/withdraw")
				.param("reason", "<script>alert(1)</script>")
				.header("X-Requested-With", "fetch")
				.with(csrf())
				.with(authentication(fixtures.signedIn(admin))))
			.andReturn()
			.getResponse();

		assertThat(row.getStatus()).isEqualTo(200);
		assertThat(row.getContentAsString()).startsWith("<tr")
			.contains("inactive")
			.contains("Dr Colleague")
			.doesNotContain("<html")
			.doesNotContain("<script>");
		assertThat(liveGrants(study)).isZero();
	}

	@Test
	void freeTextOfGroupsAndMessagesIsEscapedOnThePages() throws Exception {
		GroupId evil = setup.createGroup(new NewGroup(GroupKind.PRACTICE,
				"<img src=x onerror=alert(1)>" + Fixtures.unique(), null, null, null, false));
		perform(post("/api/v1/studies/" + study + "/grants").contentType(MediaType.APPLICATION_JSON)
			.content(grantBody(null, "IMAGES").replace("\"USER\"", "\"GROUP\"").replace("null", "\"" + evil + "\"")),
				admin);

		String tab = mvc.perform(get("/studies/" + study + "/access").with(authentication(fixtures.signedIn(admin))))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(tab).contains("&lt;img src=x onerror=alert(1)&gt;").doesNotContain("<img src=x");

		String dialog = mvc
			.perform(post("/share").param("studyIds", study.toString())
				.param("recipients", "USER:" + colleague)
				.param("scope", "IMAGES")
				.param("validUntil", "1999-01-01")
				.param("message", "<script>alert(2)</script>")
				.with(csrf())
				.with(authentication(fixtures.signedIn(requester))))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(dialog).contains("&lt;script&gt;alert(2)&lt;/script&gt;").doesNotContain("<script>alert(2)");
		assertThat(liveGrants(study)).isEqualTo(1);
	}

	@Test
	void theShareDialogSharesWithAChosenRecipient() throws Exception {
		String colleagueNumber = jdbc.sql("select number from directory.physician_number where user_id = :u")
			.param("u", colleague.value())
			.query(String.class)
			.single();
		String found = mvc
			.perform(post("/share/search").param("studyIds", study.toString())
				.param("q", colleagueNumber)
				.with(csrf())
				.with(authentication(fixtures.signedIn(requester))))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(found).contains("USER:" + colleague);

		MockHttpServletResponse shared = mvc
			.perform(post("/share").param("studyIds", study.toString())
				.param("recipients", "USER:" + colleague)
				.param("scope", "IMAGES")
				.param("validUntil", "")
				.with(csrf())
				.with(authentication(fixtures.signedIn(requester))))
			.andReturn()
			.getResponse();

		assertThat(shared.getStatus()).isEqualTo(302);
		assertThat(shared.getRedirectedUrl()).isEqualTo("/studies/" + study);
		assertThat(perform(get("/api/v1/studies/" + study), colleague).getStatus()).isEqualTo(200);
	}

	@Test
	void thePickerFindsByNameAndNumberAndByContactDataOnlyWhereItIsPublic() throws Exception {
		String suffix = Fixtures.unique().toLowerCase();
		String number = Fixtures.physicianNumber();
		UserId open = setup.createUser(new org.studygate.directory.NewUser("open." + suffix + "@test.example",
				"Dr Open " + suffix, new org.studygate.directory.Password(Fixtures.PASSWORD), List.of(number),
				"open." + suffix + "@clinic.example", null, "en", true, false));
		UserId hidden = setup.createUser(new org.studygate.directory.NewUser("hidden." + suffix + "@test.example",
				"Dr Hidden " + suffix, new org.studygate.directory.Password(Fixtures.PASSWORD), List.of(),
				"hidden." + suffix + "@clinic.example", null, "en", false, false));

		assertThat(candidates("Dr Open " + suffix)).contains(open.toString());
		assertThat(candidates(suffix)).as("a word of the name, such as the surname").contains(open.toString());
		assertThat(candidates(number)).containsExactly(open.toString());
		assertThat(candidates("open." + suffix + "@clinic.example")).containsExactly(open.toString());
		assertThat(candidates("hidden." + suffix + "@clinic.example")).isEmpty();
		assertThat(candidates("Dr Hidden " + suffix)).containsExactly(hidden.toString());
	}

	@Test
	void aGroupNamedOnTheTabShowsItsMembersWithThePrimaryContactFirstAndAdminsInBold() throws Exception {
		UserId contact = fixtures.physician("Dr Contact", Fixtures.physicianNumber());
		UserId boss = fixtures.physician("Dr Boss", Fixtures.physicianNumber());
		GroupId practice = fixtures.practice("Practice Details");
		setup.addMember(practice, boss, org.studygate.directory.MembershipRole.ADMIN, false);
		setup.addMember(practice, contact, org.studygate.directory.MembershipRole.MEMBER, true);
		GroupId unrelated = fixtures.practice("Practice Unrelated");
		perform(post("/api/v1/studies/" + study + "/grants").contentType(MediaType.APPLICATION_JSON)
			.content(
					grantBody(null, "IMAGES").replace("\"USER\"", "\"GROUP\"").replace("null", "\"" + practice + "\"")),
				admin);

		String page = mvc
			.perform(get("/studies/" + study + "/access/groups/" + practice)
				.with(authentication(fixtures.signedIn(admin))))
			.andReturn()
			.getResponse()
			.getContentAsString();

		assertThat(page.indexOf("Dr Contact")).isLessThan(page.indexOf("Dr Boss"));
		assertThat(page).contains("<strong>Dr Boss</strong>");
		assertThat(mvc
			.perform(get("/studies/" + study + "/access/groups/" + unrelated)
				.with(authentication(fixtures.signedIn(admin))))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(404);
	}

	@Test
	void aGroupAdminChoosesWhoIsToldOfShares() throws Exception {
		GroupId practice = fixtures.practice("Practice Notify");
		UserId desk = fixtures.serviceDesk("Desk Notify");

		MockHttpServletResponse changed = perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
			.put("/api/v1/admin/groups/" + practice)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"notification\":\"ALL_MEMBERS\"}"), desk);
		MockHttpServletResponse refused = perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
			.put("/api/v1/admin/groups/" + practice)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"notification\":\"EVERYONE\"}"), desk);

		assertThat(changed.getStatus()).isEqualTo(200);
		assertThat(json.readTree(changed.getContentAsString()).get("notification").asString()).isEqualTo("ALL_MEMBERS");
		assertThat(refused.getStatus()).isEqualTo(400);
		assertThat(groups.find(practice).orElseThrow().notification())
			.isEqualTo(org.studygate.directory.GroupNotification.ALL_MEMBERS);
	}

	private List<String> candidates(String query) throws Exception {
		MockHttpServletResponse response = perform(get("/api/v1/share-recipients").param("q", query), requester);
		return json.readTree(response.getContentAsString())
			.get("items")
			.valueStream()
			.filter(c -> c.get("type").asString().equals("USER"))
			.map(c -> c.get("id").asString())
			.toList();
	}

	private MockHttpServletResponse share(UserId by, List<StudyId> studies, List<String> recipients, String scope,
			String validUntil, String message) throws Exception {
		String body = json.writeValueAsString(java.util.Map.of("studyIds",
				studies.stream().map(StudyId::toString).toList(), "recipients",
				recipients.stream().map(r -> java.util.Map.of("type", r.split(":")[0], "id", r.split(":")[1])).toList(),
				"scope", scope, "mayShare", false, "notify", false));
		if (validUntil != null || message != null) {
			JsonNode node = json.readTree(body);
			((tools.jackson.databind.node.ObjectNode) node).put("validUntil", validUntil);
			((tools.jackson.databind.node.ObjectNode) node).put("message", message);
			body = json.writeValueAsString(node);
		}
		return perform(post("/api/v1/shares").contentType(MediaType.APPLICATION_JSON).content(body), by);
	}

	private String grant(UserId by, StudyId on, UserId to, String scope) throws Exception {
		MockHttpServletResponse response = perform(
				post("/api/v1/studies/" + on + "/grants").contentType(MediaType.APPLICATION_JSON)
					.content(grantBody(to, scope)),
				by);
		assertThat(response.getStatus()).isEqualTo(201);
		return json.readTree(response.getContentAsString()).get("grantId").asString();
	}

	private void grantWithShare(UserId by, StudyId on, UserId to, String scope) throws Exception {
		MockHttpServletResponse response = perform(
				post("/api/v1/studies/" + on + "/grants").contentType(MediaType.APPLICATION_JSON)
					.content(grantBody(to, scope).replace("\"mayShare\":false", "\"mayShare\":true")),
				by);
		assertThat(response.getStatus()).isEqualTo(201);
	}

	private static String grantBody(UserId to, String scope) {
		return """
				{"subjectType":"USER","subjectId":%s,"scope":"%s","mayShare":false}
				""".formatted(to == null ? "null" : "\"" + to + "\"", scope);
	}

	private int liveGrants(StudyId on) {
		return jdbc.sql("select count(*) from access.study_grant where study_id = :id and withdrawn_at is null")
			.param("id", on.value())
			.query(Integer.class)
			.single();
	}

	private MockHttpServletResponse perform(MockHttpServletRequestBuilder request, UserId user) throws Exception {
		return mvc.perform(request.header("Authorization", fixtures.bearer(user))).andReturn().getResponse();
	}

}
