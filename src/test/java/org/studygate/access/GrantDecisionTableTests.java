package org.studygate.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.studygate.Fixtures;
import org.studygate.StudygateTest;
import org.studygate.department.Department;
import org.studygate.directory.Actor;
import org.studygate.directory.GroupId;
import org.studygate.directory.UserId;
import org.studygate.explore.Explore;
import org.studygate.study.Studies;
import org.studygate.study.Study;
import org.studygate.study.StudyFilter;
import org.studygate.study.StudyId;
import org.studygate.study.StudySummary;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every way in against every state it can be in: the two grant paths (to the user, to his
 * group) as active, expired, not yet valid, withdrawn and on a cancelled study; the role
 * and order paths on an open and a cancelled study. Each row checks the single decision
 * and the explore list together.
 */
@StudygateTest
class GrantDecisionTableTests {

	enum State {

		ACTIVE, EXPIRED, NOT_YET_VALID, WITHDRAWN, CANCELLED_STUDY

	}

	@Autowired
	Fixtures fixtures;

	@Autowired
	Grants grants;

	@Autowired
	AccessControl access;

	@Autowired
	Explore explore;

	@Autowired
	Studies studies;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Clock clock;

	@ParameterizedTest(name = "grant to the user, {0}")
	@EnumSource(State.class)
	void aGrantToTheUserPermitsOnlyWhileActive(State state) {
		Department department = fixtures.department("Radiology Table");
		UserId physician = fixtures.physician("Dr Table", Fixtures.physicianNumber());
		StudyId study = fixtures.study(department, "Vos^Lien", LocalDate.of(2026, 3, 1), null);
		give(study, SubjectType.USER, physician.value(), state);

		check(fixtures.actor(physician), study, state == State.ACTIVE, PathName.GRANT_USER);
	}

	@ParameterizedTest(name = "grant to a group of the user, {0}")
	@EnumSource(State.class)
	void aGrantToAGroupPermitsItsMembersOnlyWhileActive(State state) {
		Department department = fixtures.department("Radiology Table");
		UserId member = fixtures.physician("Dr Member", Fixtures.physicianNumber());
		UserId outsider = fixtures.physician("Dr Outsider", Fixtures.physicianNumber());
		GroupId practice = fixtures.practice("Practice Table", member);
		StudyId study = fixtures.study(department, "Vos^Lien", LocalDate.of(2026, 3, 1), null);
		give(study, SubjectType.GROUP, practice.value(), state);

		check(fixtures.actor(member), study, state == State.ACTIVE, PathName.GRANT_GROUP);
		check(fixtures.actor(outsider), study, false, null);
	}

	@ParameterizedTest(name = "role and order paths, cancelled study = {0}")
	@org.junit.jupiter.params.provider.ValueSource(booleans = { false, true })
	void roleAndOrderPathsOnAnOpenAndACancelledStudy(boolean cancelled) {
		Department department = fixtures.department("Radiology Table");
		String requesterNumber = Fixtures.physicianNumber();
		String colleagueNumber = Fixtures.physicianNumber();
		UserId requester = fixtures.physician("Dr Requester", requesterNumber);
		UserId colleague = fixtures.physician("Dr Colleague", colleagueNumber);
		fixtures.practice("Practice Order", requester, colleague);
		UserId admin = fixtures.sourceAdmin(department, "Admin Table");
		UserId clerk = fixtures.sourceUser(department, "Clerk Table");
		UserId desk = fixtures.serviceDesk("Desk Table");
		StudyId study = fixtures.study(department, "Vos^Lien", LocalDate.of(2026, 3, 1), requesterNumber);
		if (cancelled) {
			cancel(study);
		}

		check(fixtures.actor(requester), study, !cancelled, PathName.REQUESTER_CC);
		check(fixtures.actor(colleague), study, !cancelled, PathName.GROUP_PRACTICE);
		check(fixtures.actor(clerk), study, !cancelled, PathName.SOURCE_USER);
		check(fixtures.actor(admin), study, true, PathName.SOURCE_ADMIN);
		check(fixtures.actor(desk), study, true, PathName.SERVICE_DESK);
	}

	@Test
	void aGrantGivesWhatItsScopeAndFlagsSayAndNeverManagesAccess() {
		Department department = fixtures.department("Radiology Scope");
		UserId images = fixtures.physician("Dr Images", Fixtures.physicianNumber());
		UserId full = fixtures.physician("Dr Full", Fixtures.physicianNumber());
		StudyId study = fixtures.study(department, "Vos^Lien", LocalDate.of(2026, 3, 1), null);
		grants.grant(desk(), study, new NewGrant(SubjectType.USER, images.value(), GrantScope.IMAGES, false, false,
				null, null, GrantOrigin.RULE));
		grants.grant(desk(), study, new NewGrant(SubjectType.USER, full.value(), GrantScope.IMAGES_REPORT_WRITE, true,
				true, null, null, GrantOrigin.RULE));

		assertThat(permitted(images, study)).containsExactlyInAnyOrder(Action.LIST, Action.VIEW_IMAGES);
		assertThat(permitted(full, study)).containsExactlyInAnyOrder(Action.LIST, Action.VIEW_IMAGES,
				Action.VIEW_REPORT, Action.DOWNLOAD, Action.FORWARD, Action.SHARE);
	}

	@Test
	void repeatedGrantsToOneSubjectMergeToTheWidestRightsAndTheLatestEnd() {
		Department department = fixtures.department("Radiology Merge");
		UserId physician = fixtures.physician("Dr Merge", Fixtures.physicianNumber());
		StudyId study = fixtures.study(department, "Vos^Lien", LocalDate.of(2026, 3, 1), null);
		Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
		Grant first = grants.grant(desk(), study, new NewGrant(SubjectType.USER, physician.value(),
				GrantScope.IMAGES_REPORT_READ, true, false, null, now.plus(Duration.ofDays(10)), GrantOrigin.RULE));
		Grant second = grants.grant(desk(), study, new NewGrant(SubjectType.USER, physician.value(), GrantScope.IMAGES,
				false, true, null, now.plus(Duration.ofDays(30)), GrantOrigin.SHARE));
		Grant narrowerAndShorter = grants.grant(desk(), study, new NewGrant(SubjectType.USER, physician.value(),
				GrantScope.IMAGES, false, false, null, now.plus(Duration.ofDays(2)), GrantOrigin.SHARE));

		assertThat(second.id()).isEqualTo(first.id());
		assertThat(narrowerAndShorter.id()).isEqualTo(first.id());
		assertThat(narrowerAndShorter.scope()).isEqualTo(GrantScope.IMAGES_REPORT_READ);
		assertThat(narrowerAndShorter.mayShare()).isTrue();
		assertThat(narrowerAndShorter.mayTransfer()).isTrue();
		assertThat(narrowerAndShorter.validUntil()).isEqualTo(now.plus(Duration.ofDays(30)));
		assertThat(narrowerAndShorter.origin()).isEqualTo(GrantOrigin.RULE);
		assertThat(rows(study)).isEqualTo(1);

		Grant unlimited = grants.grant(desk(), study, new NewGrant(SubjectType.USER, physician.value(),
				GrantScope.IMAGES, false, false, null, null, GrantOrigin.SHARE));
		assertThat(unlimited.validUntil()).isNull();
		assertThat(rows(study)).isEqualTo(1);
	}

	@Test
	void aGrantAfterAWithdrawalStartsAnewAndTheWithdrawnOneStaysForTheRecord() {
		Department department = fixtures.department("Radiology Again");
		UserId physician = fixtures.physician("Dr Again", Fixtures.physicianNumber());
		StudyId study = fixtures.study(department, "Vos^Lien", LocalDate.of(2026, 3, 1), null);
		Grant first = grants.grant(desk(), study, new NewGrant(SubjectType.USER, physician.value(),
				GrantScope.IMAGES_REPORT_WRITE, true, true, null, null, GrantOrigin.RULE));
		grants.withdraw(desk(), study, first.id(), "wrong patient");
		Grant again = grants.grant(desk(), study, new NewGrant(SubjectType.USER, physician.value(), GrantScope.IMAGES,
				false, false, null, null, GrantOrigin.RULE));

		assertThat(again.id()).isNotEqualTo(first.id());
		assertThat(again.scope()).isEqualTo(GrantScope.IMAGES);
		assertThat(rows(study)).isEqualTo(2);
		assertThat(permitted(physician, study)).containsExactlyInAnyOrder(Action.LIST, Action.VIEW_IMAGES);
	}

	@Test
	void aGroupGrantReachesAFutureMemberAndLeavesOneWhoLeaves() {
		Department department = fixtures.department("Radiology Members");
		UserId early = fixtures.physician("Dr Early", Fixtures.physicianNumber());
		UserId late = fixtures.physician("Dr Late", Fixtures.physicianNumber());
		GroupId practice = fixtures.practice("Practice Members", early);
		StudyId study = fixtures.study(department, "Vos^Lien", LocalDate.of(2026, 3, 1), null);
		grants.grant(desk(), study, new NewGrant(SubjectType.GROUP, practice.value(), GrantScope.IMAGES, false, false,
				null, null, GrantOrigin.RULE));

		assertThat(lists(early, study)).isTrue();
		assertThat(lists(late, study)).isFalse();
		fixtures.join(practice, late);
		assertThat(lists(late, study)).isTrue();
		fixtures.leave(practice, early);
		assertThat(lists(early, study)).isFalse();
	}

	private void give(StudyId study, SubjectType type, UUID subject, State state) {
		Instant now = clock.instant();
		Instant from = state == State.NOT_YET_VALID ? now.plus(Duration.ofDays(1)) : now.minus(Duration.ofDays(2));
		Instant until = state == State.EXPIRED ? now.minus(Duration.ofMinutes(1)) : now.plus(Duration.ofDays(3));
		NewGrant given = new NewGrant(type, subject, GrantScope.IMAGES_REPORT_READ, true, true, from, until,
				GrantOrigin.RULE);
		// a grant that has run out was given while it was in force; the API refuses one
		// ending in the past
		Grant grant = state == State.EXPIRED ? grants.record(desk(), study, given) : grants.grant(desk(), study, given);
		if (state == State.WITHDRAWN) {
			grants.withdraw(desk(), study, grant.id(), "no longer treating the patient");
		}
		if (state == State.CANCELLED_STUDY) {
			cancel(study);
		}
	}

	private void check(Actor actor, StudyId id, boolean permitted, PathName path) {
		Study study = studies.find(id).orElseThrow();
		for (Action action : List.of(Action.LIST, Action.VIEW_IMAGES, Action.VIEW_REPORT)) {
			Decision decision = access.decide(actor, study, action);
			assertThat(decision.isPermitted()).as(actor.name() + " " + action).isEqualTo(permitted);
			if (permitted) {
				assertThat(((Decision.Permitted) decision).path()).isEqualTo(path);
			}
		}
		assertThat(listed(actor).contains(id)).as(actor.name() + " lists the study").isEqualTo(permitted);
	}

	private Set<Action> permitted(UserId user, StudyId id) {
		Study study = studies.find(id).orElseThrow();
		Set<Action> permitted = EnumSet.noneOf(Action.class);
		for (Action action : Action.values()) {
			if (access.decide(fixtures.actor(user), study, action).isPermitted()) {
				permitted.add(action);
			}
		}
		return permitted;
	}

	private boolean lists(UserId user, StudyId study) {
		boolean decided = access.decide(fixtures.actor(user), studies.find(study).orElseThrow(), Action.LIST)
			.isPermitted();
		assertThat(listed(fixtures.actor(user)).contains(study)).isEqualTo(decided);
		return decided;
	}

	private List<StudyId> listed(Actor actor) {
		return explore.list(actor, StudyFilter.none(), null, 100, "TEST")
			.items()
			.stream()
			.map(StudySummary::id)
			.toList();
	}

	private int rows(StudyId study) {
		return jdbc.sql("select count(*) from access.study_grant where study_id = :id")
			.param("id", study.value())
			.query(Integer.class)
			.single();
	}

	private void cancel(StudyId study) {
		jdbc.sql("update study.study set cancelled = true where id = :id").param("id", study.value()).update();
	}

	private Actor desk() {
		return Actor.systemOperator("table");
	}

}
