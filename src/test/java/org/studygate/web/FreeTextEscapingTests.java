package org.studygate.web;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.studygate.Fixtures;
import org.studygate.StudygateTest;
import org.studygate.WebFixture;
import org.studygate.department.Department;
import org.studygate.directory.Actor;
import org.studygate.directory.GroupKind;
import org.studygate.directory.MembershipRole;
import org.studygate.directory.NewGroup;
import org.studygate.directory.StaffPrincipal;
import org.studygate.directory.UserId;
import org.studygate.directory.setup.DirectorySetup;
import org.studygate.study.Registrations;
import org.studygate.study.StudyId;
import org.studygate.study.StudyRegistration;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/** Text that RIS, archives and users send is shown as text, never run as markup. */
@StudygateTest
class FreeTextEscapingTests {

	static final String SCRIPT = "<script>alert('x')</script>";

	static final String IMAGE = "<img src=x onerror=alert(1)>";

	@Autowired
	WebFixture web;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Registrations registrations;

	@Autowired
	DirectorySetup setup;

	MockMvc mvc;

	@BeforeEach
	void setUp() {
		mvc = web.mvc();
	}

	@Test
	void studyTextFromTheRisIsEscapedOnTheExploreAndStudyPages() throws Exception {
		Department department = fixtures.department("Radiology Escaping");
		UserId clerk = fixtures.sourceUser(department, "Clerk Escaping");
		StudyId study = registrations
			.register(Actor.systemOperator("RIS"),
					new StudyRegistration("1.2.826.0.1.77." + System.nanoTime(), null, department.code().value(),
							LocalDate.of(2026, 3, 3), null, "CT", IMAGE, 1, 1,
							new StudyRegistration.PatientData("P" + Fixtures.unique(), "Evil^" + SCRIPT,
									LocalDate.of(1970, 1, 1), null, null, null, null),
							null))
			.id();

		String explore = page("/explore", clerk);
		String details = page("/studies/" + study, clerk);

		for (String html : List.of(explore, details)) {
			assertThat(html).doesNotContain(SCRIPT).doesNotContain(IMAGE);
			assertThat(html).contains("&lt;script&gt;").contains("&lt;img src=x onerror=alert(1)&gt;");
		}
	}

	@Test
	void groupDetailsChosenByUsersAreEscapedOnTheirPages() throws Exception {
		UserId admin = fixtures.user("Practice Escaper");
		var group = setup.createGroup(new NewGroup(GroupKind.PRACTICE, "Practice " + SCRIPT, IMAGE, null, null, false));
		setup.addMember(group, admin, MembershipRole.ADMIN, true);

		String html = page("/my/groups", admin);

		assertThat(html).doesNotContain(SCRIPT).doesNotContain(IMAGE).contains("Practice &lt;script&gt;");
	}

	private String page(String path, UserId user) throws Exception {
		return mvc
			.perform(get(path).with(authentication(UsernamePasswordAuthenticationToken
				.authenticated(new StaffPrincipal(user, fixtures.usernameOf(user)), null, List.of()))))
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

}
