package org.studygate.department.web;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.studygate.Fixtures;
import org.studygate.StudygateTest;
import org.studygate.WebFixture;
import org.studygate.department.Department;
import org.studygate.department.DepartmentCode;
import org.studygate.department.Departments;
import org.studygate.directory.ApiTokens;
import org.studygate.directory.GroupKind;
import org.studygate.directory.Groups;
import org.studygate.directory.UserId;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
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
class DepartmentAdminApiTests {

	@Autowired
	WebFixture web;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Departments departments;

	@Autowired
	Groups groups;

	@Autowired
	ApiTokens tokens;

	MockMvc mvc;

	String desk;

	@BeforeEach
	void setUp() {
		mvc = web.mvc();
		desk = tokens.issue(fixtures.serviceDesk("Desk Dubois")).token();
	}

	@Test
	void serviceDeskRegistersADepartmentWithItsSourceGroups() throws Exception {
		String code = "RAD-" + Fixtures.unique();

		send(desk, post("/api/v1/admin/departments"), """
				{"code": "%s", "name": "Radiology East", "timeZone": "Europe/Brussels"}""".formatted(code))
			.andExpect(status().isCreated())
			.andExpect(header().string("Location", "/api/v1/admin/departments/" + code))
			.andExpect(jsonPath("$.id").isNotEmpty())
			.andExpect(jsonPath("$.code").value(code))
			.andExpect(jsonPath("$.name").value("Radiology East"))
			.andExpect(jsonPath("$.timeZone").value("Europe/Brussels"));

		Department created = departments.find(new DepartmentCode(code)).orElseThrow();
		assertThat(groups.sourceGroup(created.id().value(), GroupKind.SOURCE_ADMINS)).isPresent();
		send(desk, get("/api/v1/admin/departments"), null).andExpect(status().isOk())
			.andExpect(jsonPath("$.items[*].code", hasItem(code)))
			.andExpect(jsonPath("$.next").isEmpty());
		send(desk, get("/api/v1/admin/departments/{code}", code), null).andExpect(status().isOk())
			.andExpect(jsonPath("$.code").value(code))
			.andExpect(jsonPath("$.settings.shareValidityDefaultDays").value(30))
			.andExpect(jsonPath("$.sourceAdmins").isEmpty());
	}

	@Test
	void invalidDepartmentFieldsAreNamed() throws Exception {
		expectInvalid(post("/api/v1/admin/departments"), """
				{"code": "!", "name": "X", "timeZone": "Europe/Brussels"}""", "code");
		expectInvalid(post("/api/v1/admin/departments"), """
				{"code": "OK-%s", "name": "", "timeZone": "Europe/Brussels"}""".formatted(Fixtures.unique()), "name");
		expectInvalid(post("/api/v1/admin/departments"), """
				{"code": "OK-%s", "name": "X", "timeZone": "Mars/Olympus"}""".formatted(Fixtures.unique()), "timeZone");
		Department radiology = fixtures.department("Radiology Settings");
		expectInvalid(put("/api/v1/admin/departments/{code}/settings", radiology.code().value()), """
				{"languages": ["en", "xx"]}""", "languages");
		expectInvalid(put("/api/v1/admin/departments/{code}/settings", radiology.code().value()), """
				{"shareValidityDefaultDays": 400, "shareValidityMaximumDays": 365}""", "shareValidityDefaultDays");
		expectInvalid(put("/api/v1/admin/departments/{code}/settings", radiology.code().value()), """
				{"shareValidityMaximumDays": "forever"}""", "shareValidityMaximumDays");
		expectInvalid(post("/api/v1/admin/departments/{code}/members", radiology.code().value()), """
				{"userId": "nobody", "role": "SOURCE_USER"}""", "userId");
		expectInvalid(post("/api/v1/admin/departments/{code}/members", radiology.code().value()), """
				{"userId": "%s", "role": "OWNER"}""".formatted(fixtures.user("Dr Role")), "role");

		assertThat(departments.find(radiology.id()).orElseThrow().settings().shareValidityDefaultDays()).isEqualTo(30);
	}

	@Test
	void aTakenCodeIsAConflict() throws Exception {
		Department radiology = fixtures.department("Radiology Taken");

		send(desk, post("/api/v1/admin/departments"), """
				{"code": "%s", "name": "Again", "timeZone": "Europe/Brussels"}""".formatted(radiology.code()))
			.andExpect(status().isConflict());
	}

	@Test
	void serviceDeskChangesTheSettings() throws Exception {
		Department radiology = fixtures.department("Radiology West");

		send(desk, put("/api/v1/admin/departments/{code}/settings", radiology.code().value()), """
				{"languages": ["nl", "fr"], "shareValidityDefaultDays": 14, "shareValidityMaximumDays": 90}""")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.settings.languages[0]").value("nl"))
			.andExpect(jsonPath("$.settings.shareValidityMaximumDays").value(90));

		assertThat(departments.find(radiology.id()).orElseThrow().settings().shareValidityDefaultDays()).isEqualTo(14);
	}

	@Test
	void serviceDeskRenamesADepartmentAndItsSourceGroupsFollow() throws Exception {
		Department radiology = fixtures.department("Radiology Old Name");
		String physician = tokens.issue(fixtures.physician("Dr Renamer", Fixtures.physicianNumber())).token();

		send(physician, put("/api/v1/admin/departments/{code}", radiology.code().value()), """
				{"name": "Radiology Hijacked", "timeZone": "UTC"}""").andExpect(status().isForbidden());
		expectInvalid(put("/api/v1/admin/departments/{code}", radiology.code().value()), """
				{"name": "Radiology New Name", "timeZone": "Nowhere/Else"}""", "timeZone");
		assertThat(departments.find(radiology.id()).orElseThrow().name()).isEqualTo("Radiology Old Name");

		send(desk, put("/api/v1/admin/departments/{code}", radiology.code().value()), """
				{"name": "Radiology New Name", "timeZone": "Europe/Amsterdam"}""").andExpect(status().isOk())
			.andExpect(jsonPath("$.code").value(radiology.code().value()))
			.andExpect(jsonPath("$.name").value("Radiology New Name"))
			.andExpect(jsonPath("$.timeZone").value("Europe/Amsterdam"));

		assertThat(groups.find(groups.sourceGroup(radiology.id().value(), GroupKind.SOURCE_USERS).orElseThrow())
			.orElseThrow()
			.name()).isEqualTo("Radiology New Name — users");
		send(desk, put("/api/v1/admin/departments/{code}", "NO-SUCH"), """
				{"name": "X", "timeZone": "UTC"}""").andExpect(status().isNotFound());
	}

	@Test
	void serviceDeskAddsAndRemovesSourceStaff() throws Exception {
		Department radiology = fixtures.department("Radiology Staff");
		UserId mertens = fixtures.user("Mertens");
		String code = radiology.code().value();

		send(desk, post("/api/v1/admin/departments/{code}/members", code), """
				{"userId": "%s", "role": "SOURCE_ADMIN"}""".formatted(mertens)).andExpect(status().isCreated())
			.andExpect(jsonPath("$.departmentCode").value(code))
			.andExpect(jsonPath("$.userId").value(mertens.toString()))
			.andExpect(jsonPath("$.role").value("SOURCE_ADMIN"));
		assertThat(fixtures.actor(mertens).isSourceAdminOf(radiology.id().value())).isTrue();
		send(desk, post("/api/v1/admin/departments/{code}/members", code), """
				{"userId": "%s", "role": "SOURCE_ADMIN"}""".formatted(mertens)).andExpect(status().isConflict());
		send(desk, get("/api/v1/admin/departments/{code}", code), null)
			.andExpect(jsonPath("$.sourceAdmins[0].userId").value(mertens.toString()));

		send(desk, delete("/api/v1/admin/departments/{code}/members/{user}", code, mertens.value()).param("role",
				"SOURCE_ADMIN"), null)
			.andExpect(status().isNoContent());
		assertThat(fixtures.actor(mertens).isSourceAdminOf(radiology.id().value())).isFalse();
	}

	@Test
	void physicianAndSourceAdminMayNotAdministerDepartments() throws Exception {
		Department radiology = fixtures.department("Radiology Guarded");
		String physician = tokens.issue(fixtures.physician("Dr Nosy", Fixtures.physicianNumber())).token();
		UserId sourceAdmin = fixtures.sourceAdmin(radiology, "Admin Guarded");
		String code = radiology.code().value();

		for (String token : new String[] { physician, tokens.issue(sourceAdmin).token() }) {
			send(token, post("/api/v1/admin/departments"), """
					{"code": "X%s", "name": "Mine", "timeZone": "Europe/Brussels"}""".formatted(Fixtures.unique()))
				.andExpect(status().isForbidden());
			send(token, get("/api/v1/admin/departments"), null).andExpect(status().isForbidden());
			send(token, get("/api/v1/admin/departments/{code}", code), null).andExpect(status().isForbidden());
			send(token, put("/api/v1/admin/departments/{code}/settings", code), """
					{"shareValidityDefaultDays": 1}""").andExpect(status().isForbidden());
			send(token, post("/api/v1/admin/departments/{code}/members", code), """
					{"userId": "%s", "role": "SOURCE_ADMIN"}""".formatted(sourceAdmin))
				.andExpect(status().isForbidden());
		}
		assertThat(departments.find(radiology.id()).orElseThrow().settings().shareValidityDefaultDays()).isEqualTo(30);
	}

	@Test
	void anUnknownDepartmentIsNotFound() throws Exception {
		send(desk, get("/api/v1/admin/departments/{code}", "NOPE-" + Fixtures.unique()), null)
			.andExpect(status().isNotFound());
		send(desk, get("/api/v1/admin/departments/{code}", "not a code!"), null).andExpect(status().isNotFound());
	}

	private void expectInvalid(MockHttpServletRequestBuilder request, String body, String field) throws Exception {
		send(desk, request, body).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.field").value(field))
			.andExpect(jsonPath("$.detail", startsWith("")));
	}

	private ResultActions send(String token, MockHttpServletRequestBuilder request, String body) throws Exception {
		request.header("Authorization", "Bearer " + token);
		if (body != null) {
			request.contentType(MediaType.APPLICATION_JSON).content(body);
		}
		return mvc.perform(request);
	}

}
