package org.studygate.directory.web;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.studygate.Fixtures;
import org.studygate.StudygateTest;
import org.studygate.WebFixture;
import org.studygate.department.Department;
import org.studygate.department.Departments;
import org.studygate.directory.GroupId;
import org.studygate.directory.Groups;
import org.studygate.directory.MembershipRole;
import org.studygate.directory.Memberships;
import org.studygate.directory.StaffPrincipal;
import org.studygate.directory.UserId;
import org.studygate.directory.Users;
import org.studygate.directory.setup.DirectorySetup;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@StudygateTest
class AdministrationPagesTests {

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
	Departments departments;

	MockMvc mvc;

	UserId desk;

	@BeforeEach
	void setUp() {
		mvc = web.mvc();
		desk = fixtures.serviceDesk("Desk Lambert");
	}

	@Test
	void administrationPagesRenderForTheServiceDesk() throws Exception {
		Department radiology = fixtures.department("Radiology Pages");
		fixtures.sourceAdmin(radiology, "Admin Pages");
		GroupId practice = fixtures.practice("Practice Pages", fixtures.user("Dr Pages"));

		for (String page : List.of("/admin", "/admin/departments", "/admin/departments/" + radiology.code(),
				"/admin/users", "/admin/users?q=dr", "/admin/groups", "/admin/groups/" + practice, "/my/groups")) {
			mvc.perform(get(page).with(as(desk)))
				.andExpect(status().isOk())
				.andExpect(content().string(not(containsString("??"))));
		}
		mvc.perform(get("/admin/departments/" + radiology.code()).with(as(desk)).param("lang", "nl"))
			.andExpect(content().string(containsString("Bronbeheerders")))
			.andExpect(content().string(containsString("Admin Pages")));
	}

	@Test
	void theDepartmentPageRenamesAndShowsABadTimeZoneAgainWithoutChangingAnything() throws Exception {
		Department radiology = fixtures.department("Radiology Before");

		mvc.perform(post("/admin/departments/" + radiology.code() + "/details").with(as(desk))
			.with(csrf())
			.param("name", "Radiology After")
			.param("timeZone", "Atlantis/Capital"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Enter a known time zone")));
		assertThat(departments.find(radiology.id()).orElseThrow().name()).isEqualTo("Radiology Before");

		mvc.perform(post("/admin/departments/" + radiology.code() + "/details").with(as(desk))
			.with(csrf())
			.param("name", "Radiology After")
			.param("timeZone", "Europe/Brussels")).andExpect(status().is3xxRedirection());
		assertThat(departments.find(radiology.id()).orElseThrow().name()).isEqualTo("Radiology After");
	}

	@Test
	void administrationPagesRefuseOthers() throws Exception {
		UserId physician = fixtures.physician("Dr Curious", Fixtures.physicianNumber());
		Department radiology = fixtures.department("Radiology Refused");
		GroupId practice = fixtures.practice("Practice Refused");

		for (String page : List.of("/admin", "/admin/departments", "/admin/departments/" + radiology.code(),
				"/admin/users", "/admin/groups")) {
			mvc.perform(get(page).with(as(physician))).andExpect(status().isForbidden());
		}
		mvc.perform(get("/admin/groups/" + practice).with(as(physician))).andExpect(status().isNotFound());
		mvc.perform(post("/admin/departments").with(as(physician))
			.with(csrf())
			.param("code", "X" + Fixtures.unique())
			.param("name", "Mine")
			.param("timeZone", "Europe/Brussels")).andExpect(status().isForbidden());
		mvc.perform(get("/admin/users")).andExpect(status().is3xxRedirection());
	}

	@Test
	void serviceDeskRegistersADepartmentThroughTheForm() throws Exception {
		String code = "PG-" + Fixtures.unique();

		mvc.perform(post("/admin/departments").with(as(desk))
			.with(csrf())
			.param("code", code)
			.param("name", "Radiology Form")
			.param("timeZone", "Europe/Brussels")).andExpect(redirectedUrl("/admin/departments/" + code));

		assertThat(departments.all()).anyMatch(d -> d.code().value().equals(code));
	}

	@Test
	void aBadDepartmentFormShowsTheMessageAndStoresNothing() throws Exception {
		String code = "PG-" + Fixtures.unique();

		mvc.perform(post("/admin/departments").with(as(desk))
			.with(csrf())
			.param("code", code)
			.param("name", "Radiology Nowhere")
			.param("timeZone", "Atlantis/Capital"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Enter a known time zone")))
			.andExpect(content().string(containsString("Radiology Nowhere")));

		assertThat(departments.all()).noneMatch(d -> d.code().value().equals(code));
	}

	@Test
	void aBadSettingsFormShowsTheMessageAndStoresNothing() throws Exception {
		Department radiology = fixtures.department("Radiology Bad Settings");

		mvc.perform(post("/admin/departments/" + radiology.code() + "/settings").with(as(desk))
			.with(csrf())
			.param("languages", "nl")
			.param("shareValidityDefaultDays", "400")
			.param("shareValidityMaximumDays", "365"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("The share validity must be a number of days")));

		assertThat(departments.find(radiology.id()).orElseThrow().settings().languages()).hasSize(4);
	}

	@Test
	void serviceDeskAddsSourceStaffByUsername() throws Exception {
		Department radiology = fixtures.department("Radiology Staff Page");
		UserId wouters = fixtures.user("Wouters");

		mvc.perform(post("/admin/departments/" + radiology.code() + "/members").with(as(desk))
			.with(csrf())
			.param("username", fixtures.usernameOf(wouters))
			.param("role", "SOURCE_ADMIN")).andExpect(redirectedUrl("/admin/departments/" + radiology.code()));

		assertThat(fixtures.actor(wouters).isSourceAdminOf(radiology.id().value())).isTrue();
	}

	@Test
	void aBadUserFormShowsTheMessageAndStoresNothing() throws Exception {
		String username = fixtures.username("Dr Weak");

		mvc.perform(post("/admin/users").with(as(desk))
			.with(csrf())
			.param("username", username)
			.param("displayName", "Dr Weak")
			.param("password", "weak")
			.param("language", "en"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("The password needs at least 8 characters")))
			.andExpect(content().string(not(containsString("value=\"weak\""))));

		assertThat(users.findByUsername(username)).isEmpty();
	}

	@Test
	void serviceDeskRegistersAndUnlocksUsersThroughTheForms() throws Exception {
		String username = fixtures.username("Dr Form");

		mvc.perform(post("/admin/users").with(as(desk))
			.with(csrf())
			.param("username", username)
			.param("displayName", "Dr Form")
			.param("password", "Secret-pass-7")
			.param("language", "fr")).andExpect(status().is3xxRedirection());
		UserId user = users.findByUsername(username).orElseThrow().id();

		mvc.perform(post("/admin/users/" + user + "/unlock").with(as(desk)).with(csrf()))
			.andExpect(status().is3xxRedirection());
		mvc.perform(post("/admin/users/" + user + "/unlock").with(as(desk))).andExpect(status().isForbidden());
	}

	@Test
	void groupAdminManagesHisGroupFromMyGroups() throws Exception {
		UserId admin = fixtures.user("Dr Head");
		UserId colleague = fixtures.user("Dr Second");
		GroupId practice = fixtures.practice("Practice Mine");
		setup.addMember(practice, admin, MembershipRole.ADMIN, false);

		mvc.perform(post("/my/groups/" + practice + "/members").with(as(admin))
			.with(csrf())
			.param("username", fixtures.usernameOf(colleague))
			.param("role", "MEMBER")).andExpect(redirectedUrl("/my/groups#group-" + practice));
		assertThat(memberships.isMember(practice, colleague)).as("invited, not yet a member").isFalse();
		mvc.perform(post("/my/memberships/" + practice + "/accept").with(as(colleague)).with(csrf()))
			.andExpect(redirectedUrl("/my/memberships"));
		mvc.perform(post("/my/groups/" + practice + "/primary").with(as(admin))
			.with(csrf())
			.param("userId", colleague.toString())).andExpect(redirectedUrl("/my/groups#group-" + practice));
		mvc.perform(post("/my/groups/" + practice + "/details").with(as(admin))
			.with(csrf())
			.param("address", "Veldstraat 3, Gent")
			.param("phone", "09 123 45 67")
			.param("email", "praktijk@example.org")).andExpect(status().is3xxRedirection());

		mvc.perform(get("/my/groups").with(as(admin)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Veldstraat 3, Gent")))
			.andExpect(content().string(containsString("<strong class=\"group-admin\">Dr Head</strong>")));
		assertThat(groups.find(practice).orElseThrow().members().get(0).userId()).isEqualTo(colleague);
	}

	@Test
	void aBadGroupFormShowsTheMessageAndStoresNothing() throws Exception {
		UserId admin = fixtures.user("Dr Careful");
		GroupId practice = fixtures.practice("Practice Careful");
		setup.addMember(practice, admin, MembershipRole.ADMIN, false);

		mvc.perform(post("/my/groups/" + practice + "/details").with(as(admin))
			.with(csrf())
			.param("address", "Somewhere")
			.param("email", "not-an-address"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Enter a valid e-mail address")));
		mvc.perform(post("/admin/groups/" + practice + "/members").with(as(desk))
			.with(csrf())
			.param("username", "nobody-" + Fixtures.unique() + "@test.example")
			.param("role", "MEMBER"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("No user has this username")));

		assertThat(groups.find(practice).orElseThrow().address()).isNull();
		assertThat(groups.find(practice).orElseThrow().members()).hasSize(1);
	}

	@Test
	void groupAdminCannotEditAnotherGroupFromThePages() throws Exception {
		UserId admin = fixtures.user("Dr Elsewhere");
		GroupId mine = fixtures.practice("Practice Own");
		setup.addMember(mine, admin, MembershipRole.ADMIN, false);
		UserId member = fixtures.user("Dr Plain");
		GroupId other = fixtures.practice("Practice Foreign", member);

		mvc.perform(post("/my/groups/" + other + "/details").with(as(admin)).with(csrf()).param("address", "Taken"))
			.andExpect(status().isNotFound());
		mvc.perform(post("/my/groups/" + other + "/details").with(as(member)).with(csrf()).param("address", "Taken"))
			.andExpect(status().isForbidden());

		assertThat(groups.find(other).orElseThrow().address()).isNull();
	}

	@Test
	void aMalformedIdInAPagesAddressIsNotFound() throws Exception {
		GroupId practice = fixtures.practice("Practice Malformed");

		mvc.perform(get("/admin/users/not-a-user").with(as(desk))).andExpect(status().isNotFound());
		mvc.perform(post("/admin/users/not-a-user/unlock").with(as(desk)).with(csrf()))
			.andExpect(status().isNotFound());
		mvc.perform(get("/admin/groups/not-a-group").with(as(desk))).andExpect(status().isNotFound());
		mvc.perform(post("/admin/groups/" + practice + "/primary").with(as(desk)).with(csrf()).param("userId", "x"))
			.andExpect(status().isNotFound());
		mvc.perform(post("/my/tokens/not-a-token/revoke").with(as(desk)).with(csrf())).andExpect(status().isNotFound());
	}

	private RequestPostProcessor as(UserId user) {
		return authentication(UsernamePasswordAuthenticationToken
			.authenticated(new StaffPrincipal(user, fixtures.usernameOf(user)), null, List.of()));
	}

}
