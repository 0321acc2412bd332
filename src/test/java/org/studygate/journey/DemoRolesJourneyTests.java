package org.studygate.journey;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.microsoft.playwright.Page;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.studygate.demo.DemoData;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each demo login in a real browser: the explore pages, walked to the end, hold exactly
 * the studies that the role may see. The expectation is computed here, in SQL written
 * from docs/product/01-actors.md and 03-access-decisions.md, independently of the
 * decision point.
 */
class DemoRolesJourneyTests extends BrowserJourney {

	@Autowired
	DemoData demo;

	@Autowired
	JdbcClient jdbc;

	@BeforeEach
	void loadTheDemoData() {
		demo.load();
	}

	@ParameterizedTest
	@ValueSource(strings = { "desk", "admin.north", "user.north", "admin.south", "dr.peeters", "dr.janssens",
			"practice.admin" })
	void eachDemoRoleSeesExactlyItsStudies(String login) {
		String username = login + "@demo.studygate.test";
		Set<String> expected = expectedStudies(username);
		assertThat(expected).as("the demo gives %s something to see", login).isNotEmpty();

		Page page = browser.newPage();
		logIn(page, username, DemoData.PASSWORD);

		List<String> seen = new ArrayList<>();
		int pages = 0;
		while (true) {
			pages++;
			for (String href : page.locator("a.study-link").all().stream().map(a -> a.getAttribute("href")).toList()) {
				seen.add(href.substring(href.lastIndexOf('/') + 1));
			}
			if (page.locator("#next").count() == 0 || pages > 50) {
				break;
			}
			page.locator("#next").click();
			page.waitForLoadState();
		}
		page.context().close();

		assertThat(seen).as("no study twice").doesNotHaveDuplicates();
		assertThat(new HashSet<>(seen)).as(login).isEqualTo(expected);
	}

	private Set<String> expectedStudies(String username) {
		return new HashSet<>(jdbc
			.sql("""
					with u as (select id, service_desk from directory.user_account where username = :username),
					numbers as (
					    select pn.number from directory.physician_number pn where pn.user_id = (select id from u)
					    union
					    select pn.number
					    from directory.group_membership mine
					    join directory.user_group g on g.id = mine.group_id and g.kind = 'PRACTICE'
					    join directory.group_membership colleague on colleague.group_id = g.id and colleague.state = 'ACTIVE'
					    join directory.physician_number pn on pn.user_id = colleague.user_id
					    where mine.user_id = (select id from u) and mine.state = 'ACTIVE'),
					source as (
					    select g.department_id, g.kind
					    from directory.group_membership m join directory.user_group g on g.id = m.group_id
					    where m.user_id = (select id from u) and m.state = 'ACTIVE' and g.kind in ('SOURCE_ADMINS', 'SOURCE_USERS'))
					select s.id::text from study.study s
					where (select service_desk from u)
					   or s.department_id in (select department_id from source where kind = 'SOURCE_ADMINS')
					   or (not s.cancelled and (
					          s.department_id in (select department_id from source where kind = 'SOURCE_USERS')
					       or exists (select 1 from study.study_physician sp
					                  where sp.study_id = s.id and sp.physician_number in (select number from numbers))
					       or exists (select 1 from access.study_grant g
					                  where g.study_id = s.id and g.withdrawn_at is null
					                    and (g.valid_from is null or g.valid_from <= now())
					                    and (g.valid_until is null or g.valid_until > now())
					                    and (g.subject_id = (select id from u)
					                         or g.subject_id in (select group_id from directory.group_membership
					                                             where user_id = (select id from u) and state = 'ACTIVE')))
					       or exists (select 1 from breakglass.unlock bu
					                  where bu.study_id = s.id and bu.user_id = (select id from u)
					                    and bu.revoked_at is null and bu.expires_at > now())))
					""")
			.param("username", username)
			.query(String.class)
			.list());
	}

}
