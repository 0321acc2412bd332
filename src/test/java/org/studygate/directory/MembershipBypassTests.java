package org.studygate.directory;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.studygate.Fixtures;
import org.studygate.StudygateTest;
import org.studygate.WebFixture;
import org.studygate.department.Department;
import org.studygate.directory.setup.DirectorySetup;
import org.studygate.study.StudyId;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

/**
 * The practice path without consent: a group admin who adds a physician to his practice
 * must not read that physician's studies, nor give the physician his colleagues' studies,
 * until the physician accepted the invitation; invitations expire; nobody accepts
 * another's invitation; the service desk adds directly only with a reason. Each refusal
 * is in the access log.
 */
@StudygateTest
class MembershipBypassTests {

	@Autowired
	WebFixture web;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Groups groups;

	@Autowired
	Memberships memberships;

	@Autowired
	DirectorySetup setup;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	MockMvc mvc;

	Department department;

	UserId groupAdmin;

	GroupId practice;

	UserId victim;

	StudyId victimsStudy;

	StudyId adminsStudy;

	@BeforeEach
	void setUp() {
		mvc = web.mvc();
		department = fixtures.department("Radiology Consent");
		String adminNumber = Fixtures.physicianNumber();
		groupAdmin = fixtures.physician("Dr Greedy", adminNumber);
		practice = fixtures.practice("Practice Greedy");
		setup.addMember(practice, groupAdmin, MembershipRole.ADMIN, true);
		String victimNumber = Fixtures.physicianNumber();
		victim = fixtures.physician("Dr Unaware", victimNumber);
		victimsStudy = fixtures.study(department, "Janssens^Eva", LocalDate.of(2026, 6, 1), victimNumber);
		adminsStudy = fixtures.study(department, "Wouters^Jan", LocalDate.of(2026, 6, 2), adminNumber);
	}

	@Test
	void aGroupAdminAddingAPhysicianReadsNoneOfHisStudiesUntilThePhysicianAccepts() throws Exception {
		MockHttpServletResponse invited = send(groupAdmin, post("/api/v1/admin/groups/{id}/members", practice.value()),
				"""
						{"userId": "%s", "role": "MEMBER"}""".formatted(victim));
		assertThat(invited.getStatus()).isEqualTo(202);
		assertThat(body(invited).path("state").asString()).isEqualTo("INVITED");

		assertThat(send(groupAdmin, get("/api/v1/studies/{id}", victimsStudy.value()), null).getStatus())
			.as("the practice path does not open before consent")
			.isEqualTo(404);
		assertThat(listed(groupAdmin)).doesNotContain(victimsStudy.toString());
		assertThat(memberIds(send(groupAdmin, get("/api/v1/admin/groups/{id}", practice.value()), null)))
			.as("an invitee is not listed as a member")
			.doesNotContain(victim.toString());
		assertThat(memberships.isMember(practice, victim)).isFalse();
		assertThat(groups.of(fixtures.actor(victim))).isEmpty();
		assertThat(fixtures.actor(groupAdmin).practicePhysicianNumbers())
			.containsExactlyInAnyOrderElementsOf(fixtures.actor(groupAdmin).physicianNumbers());

		MockHttpServletResponse accepted = send(victim, post("/api/v1/my/memberships/{group}/accept", practice.value()),
				null);
		assertThat(accepted.getStatus()).isEqualTo(200);
		assertThat(body(accepted).path("state").asString()).isEqualTo("ACTIVE");

		assertThat(send(groupAdmin, get("/api/v1/studies/{id}", victimsStudy.value()), null).getStatus())
			.as("once accepted, the practice colleague sees it")
			.isEqualTo(200);
		assertThat(listed(groupAdmin)).contains(victimsStudy.toString());
		assertThat(memberIds(send(groupAdmin, get("/api/v1/admin/groups/{id}", practice.value()), null)))
			.contains(victim.toString());
		assertThat(entry("MEMBERSHIP_INVITED", victim)).containsEntry("outcome", "SUCCESS")
			.containsEntry("actor_id", groupAdmin.toString());
		assertThat(entry("MEMBERSHIP_ACCEPTED", victim)).containsEntry("actor_id", victim.toString());
	}

	@Test
	void anInviteeReadsNoneOfThePracticesStudiesAndIsNotExplainedAsMemberUntilHeAccepts() throws Exception {
		UserId sourceAdmin = fixtures.sourceAdmin(department, "Admin Explains");
		send(groupAdmin, post("/api/v1/admin/groups/{id}/members", practice.value()), """
				{"userId": "%s"}""".formatted(victim));

		assertThat(send(victim, get("/api/v1/studies/{id}", adminsStudy.value()), null).getStatus()).isEqualTo(404);
		assertThat(listed(victim)).doesNotContain(adminsStudy.toString());
		assertThat(send(victim, get("/api/v1/admin/groups/{id}", practice.value()), null).getStatus())
			.as("the group stays hidden from an invitee")
			.isEqualTo(404);
		assertThat(explainedWays(sourceAdmin, adminsStudy, victim)).noneMatch(w -> w.startsWith("GROUP_PRACTICE"));
		assertThat(accessSubjects(sourceAdmin, victimsStudy)).doesNotContain(practice.toString());

		send(victim, post("/api/v1/my/memberships/{group}/accept", practice.value()), null);

		assertThat(send(victim, get("/api/v1/studies/{id}", adminsStudy.value()), null).getStatus()).isEqualTo(200);
		assertThat(explainedWays(sourceAdmin, adminsStudy, victim)).anyMatch(w -> w.startsWith("GROUP_PRACTICE"));
		assertThat(accessSubjects(sourceAdmin, victimsStudy)).contains(practice.toString());
	}

	@Test
	void anInvitationExpiresFourteenDaysAfterItWasSent() throws Exception {
		send(groupAdmin, post("/api/v1/admin/groups/{id}/members", practice.value()), """
				{"userId": "%s"}""".formatted(victim));
		backdateInvitation(victim, 15);

		assertThat(send(victim, get("/api/v1/my/memberships"), null).getContentAsString())
			.doesNotContain(practice.toString());
		MockHttpServletResponse late = send(victim, post("/api/v1/my/memberships/{group}/accept", practice.value()),
				null);
		assertThat(late.getStatus()).isIn(404, 410);
		assertThat(late.getContentType()).contains("application/problem+json");
		assertThat(send(groupAdmin, get("/api/v1/studies/{id}", victimsStudy.value()), null).getStatus())
			.isEqualTo(404);
		assertThat(entry("MEMBERSHIP_ACCEPT_REFUSED", victim)).containsEntry("outcome", "DENIED");

		UserId other = fixtures.physician("Dr Timely", Fixtures.physicianNumber());
		send(groupAdmin, post("/api/v1/admin/groups/{id}/members", practice.value()), """
				{"userId": "%s"}""".formatted(other));
		backdateInvitation(other, 13);
		assertThat(send(other, post("/api/v1/my/memberships/{group}/accept", practice.value()), null).getStatus())
			.as("thirteen days old is still open")
			.isEqualTo(200);
	}

	@Test
	void acceptingAnotherUsersInvitationOrNoneIsRefusedAndLogged() throws Exception {
		UserId intruder = fixtures.physician("Dr Intruder", Fixtures.physicianNumber());
		send(groupAdmin, post("/api/v1/admin/groups/{id}/members", practice.value()), """
				{"userId": "%s"}""".formatted(victim));

		assertThat(send(intruder, post("/api/v1/my/memberships/{group}/accept", practice.value()), null).getStatus())
			.isEqualTo(404);
		assertThat(send(intruder, post("/api/v1/my/memberships/{group}/accept", UUID.randomUUID()), null).getStatus())
			.isEqualTo(404);
		assertThat(send(intruder, post("/api/v1/my/memberships/{group}/accept", "not-an-id"), null).getStatus())
			.as("a malformed id is not found where the request is read, before any membership is looked at")
			.isEqualTo(404);

		assertThat(memberships.isMember(practice, intruder)).isFalse();
		assertThat(send(intruder, get("/api/v1/studies/{id}", adminsStudy.value()), null).getStatus()).isEqualTo(404);
		assertThat(jdbc.sql("""
				select count(*) from audit.entry
				where action = 'MEMBERSHIP_ACCEPT_REFUSED' and outcome = 'DENIED' and actor_id = :actor
				""").param("actor", intruder.toString()).query(Long.class).single()).as("the two well-formed ids")
			.isEqualTo(2);
	}

	@Test
	void theServiceDeskAddsDirectlyOnlyWithAReasonThatIsLogged() throws Exception {
		UserId desk = fixtures.serviceDesk("Desk Consent");

		MockHttpServletResponse without = send(desk, post("/api/v1/admin/groups/{id}/members", practice.value()), """
				{"userId": "%s"}""".formatted(victim));
		assertThat(without.getStatus()).isEqualTo(400);
		assertThat(body(without).path("field").asString()).isEqualTo("reason");
		assertThat(send(desk, post("/api/v1/admin/groups/{id}/members", practice.value()), """
				{"userId": "%s", "reason": "   "}""".formatted(victim)).getStatus()).isEqualTo(400);
		assertThat(memberships.isMember(practice, victim)).isFalse();

		MockHttpServletResponse added = send(desk, post("/api/v1/admin/groups/{id}/members", practice.value()), """
				{"userId": "%s", "reason": "Signed request of Dr Unaware, ticket 4711"}""".formatted(victim));
		assertThat(added.getStatus()).isEqualTo(201);
		assertThat(body(added).path("state").asString()).isEqualTo("ACTIVE");
		assertThat(memberships.isMember(practice, victim)).isTrue();
		assertThat(entry("MEMBERSHIP_ADDED", victim)).containsEntry("actor_id", desk.toString());
		assertThat(entry("MEMBERSHIP_ADDED", victim).get("details").toString())
			.contains("Signed request of Dr Unaware, ticket 4711");
	}

	@Test
	void theServiceDesksGroupPageAsksForAReasonAndAddsNothingWithoutOne() throws Exception {
		UserId desk = fixtures.serviceDesk("Desk Page");

		MockHttpServletResponse page = mvc
			.perform(post("/admin/groups/{id}/members", practice.value()).with(authentication(fixtures.signedIn(desk)))
				.with(csrf())
				.param("username", fixtures.usernameOf(victim))
				.param("role", "MEMBER"))
			.andReturn()
			.getResponse();

		assertThat(page.getStatus()).isEqualTo(200);
		assertThat(page.getContentAsString()).contains("Give a reason");
		assertThat(memberships.isMember(practice, victim)).isFalse();
	}

	@Test
	void anInviteeDeclinesAndAMemberLeavesAndBothAreLogged() throws Exception {
		send(groupAdmin, post("/api/v1/admin/groups/{id}/members", practice.value()), """
				{"userId": "%s"}""".formatted(victim));
		assertThat(send(victim, post("/api/v1/my/memberships/{group}/decline", practice.value()), null).getStatus())
			.isEqualTo(204);
		assertThat(send(victim, post("/api/v1/my/memberships/{group}/accept", practice.value()), null).getStatus())
			.as("a declined invitation is gone")
			.isEqualTo(404);
		assertThat(entry("MEMBERSHIP_DECLINED", victim)).containsEntry("actor_id", victim.toString());

		send(groupAdmin, post("/api/v1/admin/groups/{id}/members", practice.value()), """
				{"userId": "%s"}""".formatted(victim));
		send(victim, post("/api/v1/my/memberships/{group}/accept", practice.value()), null);
		assertThat(send(groupAdmin, get("/api/v1/studies/{id}", victimsStudy.value()), null).getStatus())
			.isEqualTo(200);

		assertThat(send(victim, delete("/api/v1/my/memberships/{group}", practice.value()), null).getStatus())
			.isEqualTo(204);
		assertThat(send(groupAdmin, get("/api/v1/studies/{id}", victimsStudy.value()), null).getStatus())
			.as("leaving ends the practice path at once")
			.isEqualTo(404);
		assertThat(entry("MEMBERSHIP_LEFT", victim)).containsEntry("actor_id", victim.toString());
		assertThat(send(victim, delete("/api/v1/my/memberships/{group}", practice.value()), null).getStatus())
			.isEqualTo(404);
	}

	@Test
	void aPracticeWhoseMembersDoNotShareOpensNoneOfTheirStudiesToEachOther() throws Exception {
		UserId sourceAdmin = fixtures.sourceAdmin(department, "Admin Sharing");
		setup.addMember(practice, victim, MembershipRole.MEMBER, false);
		assertThat(send(groupAdmin, get("/api/v1/studies/{id}", victimsStudy.value()), null).getStatus())
			.isEqualTo(200);

		MockHttpServletResponse changed = send(groupAdmin, put("/api/v1/admin/groups/{id}", practice.value()), """
				{"membersShareStudies": false}""");
		assertThat(changed.getStatus()).isEqualTo(200);
		assertThat(body(changed).path("membersShareStudies").asBoolean()).isFalse();

		assertThat(send(groupAdmin, get("/api/v1/studies/{id}", victimsStudy.value()), null).getStatus())
			.isEqualTo(404);
		assertThat(send(victim, get("/api/v1/studies/{id}", adminsStudy.value()), null).getStatus()).isEqualTo(404);
		assertThat(explainedWays(sourceAdmin, adminsStudy, victim)).noneMatch(w -> w.startsWith("GROUP_PRACTICE"));
		assertThat(accessSubjects(sourceAdmin, victimsStudy)).doesNotContain(practice.toString());
		assertThat(jdbc.sql("""
				select details ->> 'membersShareStudies' from audit.entry
				where action = 'GROUP_SHARING_CHANGED' and details ->> 'groupId' = :group and actor_id = :actor
				""")
			.param("group", practice.toString())
			.param("actor", groupAdmin.toString())
			.query(String.class)
			.list()).containsExactly("true → false");
	}

	private void backdateInvitation(UserId user, int days) {
		jdbc.sql("""
				update directory.group_membership set invited_at = invited_at - make_interval(days => :days)
				where group_id = :group and user_id = :user
				""").param("days", days).param("group", practice.value()).param("user", user.value()).update();
	}

	private List<String> listed(UserId user) throws Exception {
		JsonNode items = body(send(user, get("/api/v1/studies"), null)).path("items");
		return items.valueStream().map(i -> i.path("id").asString()).toList();
	}

	private List<String> memberIds(MockHttpServletResponse group) throws Exception {
		return body(group).path("members").valueStream().map(m -> m.path("userId").asString()).toList();
	}

	private List<String> explainedWays(UserId admin, StudyId study, UserId user) throws Exception {
		MockHttpServletResponse response = send(admin,
				get("/api/v1/access/explain").param("studyId", study.toString()).param("userId", user.toString()),
				null);
		assertThat(response.getStatus()).isEqualTo(200);
		return body(response).path("actions")
			.valueStream()
			.filter(a -> "LIST".equals(a.path("action").asString()))
			.flatMap(a -> a.path("ways").valueStream())
			.map(JsonNode::asString)
			.toList();
	}

	private List<String> accessSubjects(UserId admin, StudyId study) throws Exception {
		MockHttpServletResponse response = send(admin, get("/api/v1/studies/{id}/access", study.value()), null);
		assertThat(response.getStatus()).isEqualTo(200);
		return body(response).path("users").valueStream().map(u -> u.path("subjectId").asString()).toList();
	}

	private Map<String, Object> entry(String action, UserId about) {
		List<Map<String, Object>> rows = jdbc.sql("""
				select outcome, actor_id, details::text as details from audit.entry
				where action = :action and details ->> 'userId' = :user order by id desc
				""").param("action", action).param("user", about.toString()).query().listOfRows();
		assertThat(rows).as(action + " about " + about).isNotEmpty();
		return rows.get(0);
	}

	private JsonNode body(MockHttpServletResponse response) throws Exception {
		return json.readTree(response.getContentAsString());
	}

	private MockHttpServletResponse send(UserId user, MockHttpServletRequestBuilder request, String body)
			throws Exception {
		request.header("Authorization", fixtures.bearer(user));
		if (body != null) {
			request.contentType(MediaType.APPLICATION_JSON).content(body);
		}
		return mvc.perform(request).andReturn().getResponse();
	}

}
