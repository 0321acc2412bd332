package org.studygate.directory.web;

import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.studygate.Fixtures;
import org.studygate.StudygateTest;
import org.studygate.WebFixture;
import org.studygate.department.Department;
import org.studygate.directory.ApiTokens;
import org.studygate.directory.GroupId;
import org.studygate.directory.GroupKind;
import org.studygate.directory.Groups;
import org.studygate.directory.MembershipRole;
import org.studygate.directory.Memberships;
import org.studygate.directory.NewGroup;
import org.studygate.directory.UserId;
import org.studygate.directory.UserStatus;
import org.studygate.directory.Users;
import org.studygate.directory.setup.DirectorySetup;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@StudygateTest
class DirectoryAdminApiTests {

	@Autowired
	WebFixture web;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Users users;

	@Autowired
	Groups groups;

	@Autowired
	Memberships memberships;

	@Autowired
	DirectorySetup setup;

	@Autowired
	ApiTokens tokens;

	@Autowired
	JdbcClient jdbc;

	MockMvc mvc;

	String desk;

	@BeforeEach
	void setUp() {
		mvc = web.mvc();
		desk = tokenOf(fixtures.serviceDesk("Desk Dupont"));
	}

	@Test
	void serviceDeskRegistersAUserAndNeverSeesTheHash() throws Exception {
		String username = fixtures.username("Dr Peeters");
		String number = Fixtures.physicianNumber();

		send(desk, post("/api/v1/admin/users"),
				"""
						{"username": "%s", "displayName": "Dr Peeters", "password": "Secret-pass-9",
						 "physicianNumber": "%s", "email": "peeters@example.org", "mobile": "+32 470 12 34 56", "language": "nl"}
						"""
					.formatted(username, number))
			.andExpect(status().isCreated())
			.andExpect(header().string("Location", startsWith("/api/v1/admin/users/")))
			.andExpect(jsonPath("$.id").isNotEmpty())
			.andExpect(jsonPath("$.username").value(username))
			.andExpect(jsonPath("$.displayName").value("Dr Peeters"))
			.andExpect(jsonPath("$.physicianNumbers[0]").value(number))
			.andExpect(jsonPath("$.language").value("nl"))
			.andExpect(jsonPath("$.status").value("ACTIVE"))
			.andExpect(jsonPath("$.password").doesNotExist())
			.andExpect(jsonPath("$.passwordHash").doesNotExist());

		assertThat(users.findByUsername(username)).isPresent();
	}

	@Test
	void invalidUserFieldsAreNamed() throws Exception {
		String ok = fixtures.username("Dr Ok");
		expectInvalid(post("/api/v1/admin/users"), """
				{"username": "not an address!", "displayName": "X", "password": "Secret-pass-9"}""", "username");
		expectInvalid(post("/api/v1/admin/users"), """
				{"username": "%s", "displayName": " ", "password": "Secret-pass-9"}""".formatted(ok), "displayName");
		expectInvalid(post("/api/v1/admin/users"), """
				{"username": "%s", "displayName": "X", "password": "short"}""".formatted(ok), "password");
		expectInvalid(post("/api/v1/admin/users"), """
				{"username": "%s", "displayName": "X"}""".formatted(ok), "password");
		expectInvalid(post("/api/v1/admin/users"), """
				{"username": "%s", "displayName": "X", "password": "Secret-pass-9", "physicianNumber": "#"}"""
			.formatted(ok), "physicianNumber");
		expectInvalid(post("/api/v1/admin/users"), """
				{"username": "%s", "displayName": "X", "password": "Secret-pass-9", "email": "nowhere"}"""
			.formatted(ok), "email");
		expectInvalid(post("/api/v1/admin/users"), """
				{"username": "%s", "displayName": "X", "password": "Secret-pass-9", "mobile": "call me"}"""
			.formatted(ok), "mobile");
		expectInvalid(post("/api/v1/admin/users"), """
				{"username": "%s", "displayName": "X", "password": "Secret-pass-9", "language": "xx"}""".formatted(ok),
				"language");

		assertThat(users.findByUsername(ok)).isEmpty();
	}

	@Test
	void aTakenUsernameIsAConflict() throws Exception {
		String username = fixtures.usernameOf(fixtures.user("Dr Taken"));

		send(desk, post("/api/v1/admin/users"), """
				{"username": "%s", "displayName": "Dr Other", "password": "Secret-pass-9"}""".formatted(username))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.status").value(409));
	}

	@Test
	void serviceDeskSearchesUsersPageByPage() throws Exception {
		String family = "Zz" + Fixtures.unique().toLowerCase();
		UserId first = fixtures.user(family + " Anna");
		UserId second = fixtures.user(family + " Bert");
		UserId third = fixtures.user(family + " Carl");

		String next = com.jayway.jsonpath.JsonPath
			.read(send(desk, get("/api/v1/admin/users").param("q", family).param("limit", "2"), null)
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.items.length()").value(2))
				.andExpect(jsonPath("$.items[0].id").value(first.toString()))
				.andExpect(jsonPath("$.items[1].id").value(second.toString()))
				.andReturn()
				.getResponse()
				.getContentAsString(), "$.next");
		send(desk, get("/api/v1/admin/users").param("q", family).param("limit", "2").param("after", next), null)
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items.length()").value(1))
			.andExpect(jsonPath("$.items[0].id").value(third.toString()))
			.andExpect(jsonPath("$.next").isEmpty());
	}

	@Test
	void serviceDeskUnlocksALockedAccount() throws Exception {
		UserId locked = fixtures.user("Dr Locked");
		jdbc.sql("update directory.user_account set status = 'LOCKED', failed_logins = 5 where id = :id")
			.param("id", locked.value())
			.update();

		send(desk, post("/api/v1/admin/users/{id}/unlock", locked.value()), null).andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("ACTIVE"))
			.andExpect(jsonPath("$.failedLogins").value(0));

		assertThat(users.find(locked).orElseThrow().status()).isEqualTo(UserStatus.ACTIVE);
		send(desk, post("/api/v1/admin/users/{id}/unlock", UUID.randomUUID()), null).andExpect(status().isNotFound());
	}

	@Test
	void physicianMayNotCallTheUserAndGroupAdministration() throws Exception {
		String physician = tokenOf(fixtures.physician("Dr Nosy", Fixtures.physicianNumber()));
		UserId victim = fixtures.user("Dr Victim");

		send(physician, post("/api/v1/admin/users"), """
				{"username": "%s", "displayName": "X", "password": "Secret-pass-9"}"""
			.formatted(fixtures.username("X"))).andExpect(status().isForbidden());
		send(physician, get("/api/v1/admin/users"), null).andExpect(status().isForbidden());
		send(physician, post("/api/v1/admin/users/{id}/unlock", victim.value()), null)
			.andExpect(status().isForbidden());
		send(physician, post("/api/v1/admin/users/{id}/lock", victim.value()), null).andExpect(status().isForbidden());
		assertThat(jdbc.sql("""
				select action from audit.entry where outcome = 'DENIED' and details ->> 'userId' = :v
				order by id""").param("v", victim.value().toString()).query(String.class).list())
			.containsExactly("USER_UNLOCKED", "USER_LOCKED");
		assertThat(jdbc.sql("select status from directory.user_account where id = :v")
			.param("v", victim.value())
			.query(String.class)
			.single()).isEqualTo("ACTIVE");
		send(physician, post("/api/v1/admin/groups"), """
				{"kind": "PRACTICE", "name": "Practice Nosy"}""").andExpect(status().isForbidden());
		send(physician, get("/api/v1/admin/groups"), null).andExpect(status().isForbidden());
	}

	@Test
	void anonymousCallsAreUnauthorized() throws Exception {
		mvc.perform(get("/api/v1/admin/users")).andExpect(status().isUnauthorized());
	}

	@Test
	void serviceDeskRegistersAGroupAndAddsAnAdmin() throws Exception {
		UserId claes = fixtures.user("Dr Claes");
		String name = "Practice Linde " + Fixtures.unique();

		String id = com.jayway.jsonpath.JsonPath.read(send(desk, post("/api/v1/admin/groups"), """
				{"kind": "PRACTICE", "name": "%s", "address": "Lindelaan 1, Gent", "phone": "+32 9 123 45 67",
				 "email": "info@linde.example", "public": true}""".formatted(name)).andExpect(status().isCreated())
			.andExpect(header().string("Location", startsWith("/api/v1/admin/groups/")))
			.andExpect(jsonPath("$.id").isNotEmpty())
			.andExpect(jsonPath("$.kind").value("PRACTICE"))
			.andExpect(jsonPath("$.name").value(name))
			.andExpect(jsonPath("$.address").value("Lindelaan 1, Gent"))
			.andExpect(jsonPath("$.public").value(true))
			.andReturn()
			.getResponse()
			.getContentAsString(), "$.id");

		send(desk, post("/api/v1/admin/groups/{id}/members", id),
				"""
						{"userId": "%s", "role": "ADMIN", "primaryContact": true, "reason": "Founder of the practice"}"""
					.formatted(claes))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.state").value("ACTIVE"))
			.andExpect(jsonPath("$.userId").value(claes.toString()))
			.andExpect(jsonPath("$.role").value("ADMIN"))
			.andExpect(jsonPath("$.primaryContact").value(true));
		send(desk, get("/api/v1/admin/groups/{id}", id), null).andExpect(status().isOk())
			.andExpect(jsonPath("$.members[0].userId").value(claes.toString()));
		send(desk, get("/api/v1/admin/groups").param("q", "Practice Linde"), null).andExpect(status().isOk())
			.andExpect(jsonPath("$.items[*].id", hasItem(id)));
	}

	@Test
	void invalidGroupFieldsAreNamed() throws Exception {
		expectInvalid(post("/api/v1/admin/groups"), """
				{"kind": "CLUB", "name": "X"}""", "kind");
		expectInvalid(post("/api/v1/admin/groups"), """
				{"kind": "SOURCE_USERS", "name": "X"}""", "kind");
		expectInvalid(post("/api/v1/admin/groups"), """
				{"kind": "PRACTICE", "name": ""}""", "name");
		expectInvalid(post("/api/v1/admin/groups"), """
				{"kind": "PRACTICE", "name": "X", "email": "nowhere"}""", "email");
		expectInvalid(post("/api/v1/admin/groups"), """
				{"kind": "PRACTICE", "name": "X", "phone": "ring ring"}""", "phone");
		GroupId group = fixtures.practice("Practice Valid");
		expectInvalid(post("/api/v1/admin/groups/{id}/members", group.value()), """
				{"userId": "nobody", "role": "MEMBER"}""", "userId");
		expectInvalid(post("/api/v1/admin/groups/{id}/members", group.value()), """
				{"userId": "%s", "role": "MEMBER"}""".formatted(UUID.randomUUID()), "userId");
		expectInvalid(post("/api/v1/admin/groups/{id}/members", group.value()), """
				{"userId": "%s", "role": "BOSS"}""".formatted(fixtures.user("Dr Role")), "role");
		expectInvalid(put("/api/v1/admin/groups/{id}", group.value()), """
				{"email": "nowhere"}""", "email");
	}

	@Test
	void addingAMemberTwiceIsAConflict() throws Exception {
		UserId member = fixtures.user("Dr Twice");
		GroupId group = fixtures.practice("Practice Twice", member);

		send(desk, post("/api/v1/admin/groups/{id}/members", group.value()), """
				{"userId": "%s", "role": "ADMIN"}""".formatted(member)).andExpect(status().isConflict());
	}

	@Test
	void groupAdminManagesHisGroup() throws Exception {
		UserId admin = fixtures.user("Dr Admin");
		UserId colleague = fixtures.user("Dr Colleague");
		GroupId group = practiceAdministeredBy(admin);
		String token = tokenOf(admin);

		send(token, get("/api/v1/admin/groups/{id}", group.value()), null).andExpect(status().isOk());
		send(token, post("/api/v1/admin/groups/{id}/members", group.value()), """
				{"userId": "%s", "role": "MEMBER"}""".formatted(colleague)).andExpect(status().isAccepted())
			.andExpect(jsonPath("$.state").value("INVITED"));
		send(token, get("/api/v1/admin/groups/{id}", group.value()), null).andExpect(status().isOk())
			.andExpect(jsonPath("$.invitations[0].userId").value(colleague.toString()));
		send(token, put("/api/v1/admin/groups/{id}/members/{user}", group.value(), colleague.value()), """
				{"role": "MEMBER", "primaryContact": true}""").andExpect(status().isNotFound());
		send(tokenOf(colleague), post("/api/v1/my/memberships/{id}/accept", group.value()), null)
			.andExpect(status().isOk());
		send(token, put("/api/v1/admin/groups/{id}/members/{user}", group.value(), colleague.value()), """
				{"role": "MEMBER", "primaryContact": true}""").andExpect(status().isOk())
			.andExpect(jsonPath("$.primaryContact").value(true));
		send(token, put("/api/v1/admin/groups/{id}", group.value()), """
				{"address": "Kerkstraat 2", "phone": "09 222 33 44", "email": "contact@example.org", "public": true}""")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.address").value("Kerkstraat 2"))
			.andExpect(jsonPath("$.public").value(true))
			.andExpect(jsonPath("$.members[0].userId").value(colleague.toString()));
		send(token, delete("/api/v1/admin/groups/{id}/members/{user}", group.value(), colleague.value()), null)
			.andExpect(status().isNoContent());

		assertThat(memberships.isMember(group, colleague)).isFalse();
	}

	@Test
	void groupAdminCannotEditAnotherGroup() throws Exception {
		UserId admin = fixtures.user("Dr Admin");
		practiceAdministeredBy(admin);
		GroupId other = fixtures.practice("Practice Other");
		GroupId publicOther = setup.createGroup(
				new NewGroup(GroupKind.PRACTICE, "Practice Open " + Fixtures.unique(), null, null, null, true));
		String token = tokenOf(admin);

		send(token, get("/api/v1/admin/groups/{id}", other.value()), null).andExpect(status().isNotFound());
		send(token, put("/api/v1/admin/groups/{id}", other.value()), """
				{"address": "Hacked"}""").andExpect(status().isNotFound());
		send(token, post("/api/v1/admin/groups/{id}/members", publicOther.value()), """
				{"userId": "%s", "role": "ADMIN"}""".formatted(admin)).andExpect(status().isForbidden());
		send(token, post("/api/v1/admin/groups"), """
				{"kind": "PRACTICE", "name": "Practice Own"}""").andExpect(status().isForbidden());

		assertThat(groups.find(other).orElseThrow().address()).isNull();
		assertThat(memberships.isMember(publicOther, admin)).isFalse();
	}

	@Test
	void plainMemberMayNotManageHisGroup() throws Exception {
		UserId member = fixtures.user("Dr Member");
		GroupId group = fixtures.practice("Practice Plain", member);

		send(tokenOf(member), put("/api/v1/admin/groups/{id}", group.value()), """
				{"address": "Mine now"}""").andExpect(status().isForbidden());
	}

	@Test
	void groupAdminCannotTouchSourceGroups() throws Exception {
		Department radiology = fixtures.department("Radiology Admin Test");
		UserId admin = fixtures.sourceAdmin(radiology, "Dr Source");
		practiceAdministeredBy(admin);
		GroupId sourceAdmins = groups.sourceGroup(radiology.id().value(), GroupKind.SOURCE_ADMINS).orElseThrow();
		setup.addMember(sourceAdmins, admin, MembershipRole.ADMIN, false);
		UserId outsider = fixtures.user("Dr Outsider");

		send(tokenOf(admin), post("/api/v1/admin/groups/{id}/members", sourceAdmins.value()), """
				{"userId": "%s", "role": "MEMBER"}""".formatted(outsider)).andExpect(status().isForbidden());
		send(tokenOf(outsider), get("/api/v1/admin/groups/{id}", sourceAdmins.value()), null)
			.andExpect(status().isNotFound());

		assertThat(memberships.isMember(sourceAdmins, outsider)).isFalse();
	}

	@Test
	void aMalformedIdInAnAddressIsNotFound() throws Exception {
		GroupId group = fixtures.practice("Practice Malformed");

		send(desk, get("/api/v1/admin/users/{id}", "not-a-user"), null).andExpect(status().isNotFound())
			.andExpect(jsonPath("$.status").value(404));
		send(desk, post("/api/v1/admin/users/{id}/lock", "not-a-user"), null).andExpect(status().isNotFound());
		send(desk, get("/api/v1/admin/groups/{id}", "not-a-group"), null).andExpect(status().isNotFound());
		send(desk, put("/api/v1/admin/groups/{id}/members/{userId}", group.value(), "not-a-user"), """
				{"role": "ADMIN"}""").andExpect(status().isNotFound());
		send(desk, delete("/api/v1/my/tokens/{id}", "not-a-token"), null).andExpect(status().isNotFound());
		send(desk, post("/api/v1/my/memberships/{group}/accept", "not-a-group"), null).andExpect(status().isNotFound());
	}

	private GroupId practiceAdministeredBy(UserId admin) {
		GroupId group = fixtures.practice("Practice Admin");
		setup.addMember(group, admin, MembershipRole.ADMIN, false);
		return group;
	}

	private void expectInvalid(MockHttpServletRequestBuilder request, String body, String field) throws Exception {
		send(desk, request, body).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.field").value(field))
			.andExpect(jsonPath("$.detail", startsWith(field)));
	}

	private ResultActions send(String token, MockHttpServletRequestBuilder request, String body) throws Exception {
		request.header("Authorization", "Bearer " + token);
		if (body != null) {
			request.contentType(MediaType.APPLICATION_JSON).content(body);
		}
		return mvc.perform(request);
	}

	private String tokenOf(UserId user) {
		return tokens.issue(user).token();
	}

}
