package org.studygate.directory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.studygate.Fixtures;
import org.studygate.StudygateTest;
import org.studygate.WebFixture;
import org.studygate.department.Department;
import org.studygate.study.StudyId;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Practice memberships lapse three months after their last confirmation (decision 061): a
 * lapsed one counts nowhere, one click confirms it again, and the member is reminded two
 * weeks before, once per confirmation.
 */
@StudygateTest
@RecordApplicationEvents
class MembershipReconfirmationTests {

	@Autowired
	WebFixture web;

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Reconfirmations reconfirmations;

	@Autowired
	Directory directory;

	@Autowired
	Groups groups;

	@Autowired
	Clock clock;

	@Autowired
	ApplicationEvents events;

	MockMvc mvc;

	UserId requester;

	UserId colleague;

	UserId admin;

	GroupId practice;

	StudyId study;

	@BeforeEach
	void setUp() {
		mvc = web.mvc();
		Department department = fixtures.department("Radiology Lapse");
		admin = fixtures.sourceAdmin(department, "Admin Lapse");
		String number = Fixtures.physicianNumber();
		requester = fixtures.physician("Dr Lapse Requester", number);
		colleague = fixtures.physician("Dr Lapse Colleague", Fixtures.physicianNumber());
		practice = fixtures.practice("Practice Lapse", requester, colleague);
		study = fixtures.study(department, "Lapse^Lea", LocalDate.of(2026, 6, 1), number);
	}

	@Test
	void aLapsedMembershipGivesNothingUntilTheMemberConfirmsItAgain() throws Exception {
		assertThat(perform(get("/api/v1/studies/" + study), colleague).getStatus()).isEqualTo(200);

		confirmedAgo(colleague, Reconfirmations.LAPSE.plusDays(1));

		assertThat(perform(get("/api/v1/studies/" + study), colleague).getStatus()).isEqualTo(404);
		assertThat(directory.actorOf(colleague).orElseThrow().groupIds()).doesNotContain(practice);
		String page = mvc.perform(get("/my/memberships").with(authentication(fixtures.signedIn(colleague))))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("id=\"lapsed-" + practice + "\"");

		confirmedAgo(requester, Reconfirmations.LAPSE.plusDays(1));
		assertThat(perform(get("/api/v1/studies/" + study + "/access"), admin).getContentAsString())
			.as("a lapsed practice is no line of the Access tab")
			.doesNotContain(practice.toString());

		MockHttpServletResponse confirmed = perform(post("/api/v1/my/memberships/" + practice + "/confirm"), colleague);
		assertThat(confirmed.getStatus()).isEqualTo(200);
		mvc.perform(post("/my/memberships/" + practice + "/confirm").with(csrf())
			.with(authentication(fixtures.signedIn(requester))));

		assertThat(perform(get("/api/v1/studies/" + study), colleague).getStatus()).isEqualTo(200);
		assertThat(perform(get("/api/v1/studies/" + study + "/access"), admin).getContentAsString())
			.contains(practice.toString());
		assertThat(jdbc.sql("""
				select count(*) from audit.entry where action = 'MEMBERSHIP_CONFIRMED' and actor_id = :a
				""").param("a", colleague.toString()).query(Integer.class).single()).isEqualTo(1);
	}

	@Test
	void theMemberListShowsALapsedMembershipAsLapsedNeverAsAMember() throws Exception {
		Instant confirmedAt = confirmedAgo(colleague, Reconfirmations.LAPSE.plusDays(3));
		LocalDate lapsedOn = confirmedAt.atOffset(ZoneOffset.UTC).plus(Reconfirmations.LAPSE).toLocalDate();

		String page = mvc.perform(get("/my/groups").with(authentication(fixtures.signedIn(requester))))
			.andReturn()
			.getResponse()
			.getContentAsString();
		String table = page.substring(page.indexOf("id=\"members-" + practice + "\""));
		table = table.substring(0, table.indexOf("</table>"));
		List<String> rows = List.of(table.split("<tr"));
		assertThat(rows.stream().filter(r -> r.contains("Dr Lapse Colleague"))).singleElement().satisfies(r -> {
			assertThat(r).contains("lapsed inactive");
			assertThat(r).contains("lapsed since " + lapsedOn + " (not confirmed)");
		});
		assertThat(rows.stream().filter(r -> r.contains("Dr Lapse Requester"))).singleElement()
			.satisfies(r -> assertThat(r).doesNotContain("lapsed"));
		assertThat(groups.membersToNotify(practice).stream().map(UserView::id)).as("not told of shares")
			.contains(requester)
			.doesNotContain(colleague);

		perform(post("/api/v1/my/memberships/" + practice + "/confirm"), colleague);
		assertThat(mvc.perform(get("/my/groups").with(authentication(fixtures.signedIn(requester))))
			.andReturn()
			.getResponse()
			.getContentAsString()).doesNotContain("member-lapsed");
	}

	@Test
	void nobodyConfirmsAMembershipHeDoesNotHave() throws Exception {
		UserId outsider = fixtures.physician("Dr Lapse Outsider", Fixtures.physicianNumber());

		assertThat(perform(post("/api/v1/my/memberships/" + practice + "/confirm"), outsider).getStatus())
			.isEqualTo(404);
		assertThat(directory.actorOf(outsider).orElseThrow().groupIds()).doesNotContain(practice);
	}

	@Test
	void theMemberIsRemindedTwoWeeksBeforeTheLapseOnce() {
		Instant confirmedAt = confirmedAgo(colleague, java.time.Period.ZERO);
		Instant lapse = confirmedAt.atOffset(ZoneOffset.UTC).plus(Reconfirmations.LAPSE).toInstant();

		assertThat(mine(reconfirmations.remind(lapse.minus(Reconfirmations.REMINDER).minus(Duration.ofDays(1)))))
			.as("three weeks before: not yet")
			.isEmpty();
		List<MembershipStore.Due> due = mine(
				reconfirmations.remind(lapse.minus(Reconfirmations.REMINDER).plus(Duration.ofHours(1))));
		assertThat(due).singleElement().satisfies(d -> {
			assertThat(d.group()).isEqualTo(practice);
			assertThat(d.lapsesAt()).isEqualTo(lapse);
		});
		assertThat(events.stream(ReconfirmationDue.class).filter(e -> e.user().equals(colleague))).hasSize(1);
		assertThat(mine(reconfirmations.remind(lapse.minus(Duration.ofDays(2))))).as("once per confirmation").isEmpty();
		assertThat(mine(reconfirmations.remind(lapse.plus(Duration.ofDays(1))))).as("lapsed: no reminder").isEmpty();
	}

	/** Sets the colleague's last confirmation back by the period; returns it. */
	private Instant confirmedAgo(UserId user, java.time.Period ago) {
		Instant at = clock.instant()
			.atOffset(ZoneOffset.UTC)
			.minus(ago)
			.toInstant()
			.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
		jdbc.sql("update directory.group_membership set confirmed_at = :at where group_id = :g and user_id = :u")
			.param("at", java.sql.Timestamp.from(at))
			.param("g", practice.value())
			.param("u", user.value())
			.update();
		return at;
	}

	private List<MembershipStore.Due> mine(List<MembershipStore.Due> due) {
		return due.stream().filter(d -> d.user().equals(colleague)).toList();
	}

	private MockHttpServletResponse perform(MockHttpServletRequestBuilder request, UserId user) throws Exception {
		return mvc.perform(request.header("Authorization", fixtures.bearer(user))).andReturn().getResponse();
	}

}
