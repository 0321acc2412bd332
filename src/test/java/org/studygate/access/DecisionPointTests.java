package org.studygate.access;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.studygate.Fixtures;
import org.studygate.NotFoundException;
import org.studygate.StudygateTest;
import org.studygate.department.Department;
import org.studygate.directory.Actor;
import org.studygate.directory.UserId;
import org.studygate.explore.Explore;
import org.studygate.study.StudyFilter;
import org.studygate.study.StudyId;
import org.studygate.study.StudySummary;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@StudygateTest
@RecordApplicationEvents
class DecisionPointTests {

	@Autowired
	ApplicationEvents events;

	@Autowired
	Fixtures fixtures;

	@Autowired
	AccessControl access;

	@Autowired
	Explore explore;

	@Autowired
	JdbcClient jdbc;

	@Test
	void requesterSeesHisStudyAndAnotherPhysicianDoesNot() {
		Department radiology = fixtures.department("Radiology North");
		String drPeeters = Fixtures.physicianNumber();
		String drJanssens = Fixtures.physicianNumber();
		UserId peeters = fixtures.physician("Dr Peeters", drPeeters);
		UserId janssens = fixtures.physician("Dr Janssens", drJanssens);
		StudyId study = fixtures.study(radiology, "Maes^Anna", LocalDate.of(2026, 3, 2), drPeeters);

		assertThat(access.decide(fixtures.actor(peeters), load(study), Action.VIEW_IMAGES))
			.isEqualTo(new Decision.Permitted(PathName.REQUESTER_CC, "requested by " + drPeeters));
		assertThat(access.decide(fixtures.actor(janssens), load(study), Action.LIST).isPermitted()).isFalse();
		assertThatThrownBy(() -> access.require(fixtures.actor(janssens), study, Action.LIST))
			.isInstanceOf(NotFoundException.class);
		assertThat(ids(explore.list(fixtures.actor(peeters), StudyFilter.none(), null, 100, "TEST").items()))
			.containsExactly(study);
		assertThat(explore.list(fixtures.actor(janssens), StudyFilter.none(), null, 100, "TEST").items()).isEmpty();
	}

	@Test
	void requireAnswersTheDecidedAccessForItsActionOnly() {
		Department radiology = fixtures.department("Radiology East");
		String number = Fixtures.physicianNumber();
		Actor peeters = fixtures.actor(fixtures.physician("Dr Peeters", number));
		StudyId study = fixtures.study(radiology, "Maes^Anna", LocalDate.of(2026, 3, 2), number);

		Authorized authorized = access.require(peeters, study, Action.VIEW_IMAGES);

		assertThat(authorized.actor()).isEqualTo(peeters);
		assertThat(authorized.studyId()).isEqualTo(study);
		assertThat(authorized.action()).isEqualTo(Action.VIEW_IMAGES);
		assertThat(authorized.permittedBy().path()).isEqualTo(PathName.REQUESTER_CC);
		assertThat(authorized.until()).isNull();
		assertThat(authorized.study(Action.VIEW_IMAGES).id()).isEqualTo(study);
		assertThatThrownBy(() -> authorized.study(Action.MANAGE_ACCESS)).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void copiedPhysicianAndPracticeColleagueSeeTheStudy() {
		Department radiology = fixtures.department("Radiology South");
		String requester = Fixtures.physicianNumber();
		String copied = Fixtures.physicianNumber();
		String colleagueNumber = Fixtures.physicianNumber();
		UserId requesting = fixtures.physician("Dr Claes", requester);
		UserId cc = fixtures.physician("Dr Wouters", copied);
		UserId colleague = fixtures.physician("Dr Goossens", colleagueNumber);
		fixtures.practice("Practice Linde", requesting, colleague);
		StudyId study = fixtures.study(radiology, "Jacobs^Tom", LocalDate.of(2026, 4, 1), requester, copied);

		assertThat(access.decide(fixtures.actor(cc), load(study), Action.LIST))
			.extracting(d -> ((Decision.Permitted) d).path())
			.isEqualTo(PathName.REQUESTER_CC);
		assertThat(access.decide(fixtures.actor(colleague), load(study), Action.VIEW_REPORT))
			.extracting(d -> ((Decision.Permitted) d).path())
			.isEqualTo(PathName.GROUP_PRACTICE);
		assertThat(access.decide(fixtures.actor(colleague), load(study), Action.SHARE).isPermitted()).isFalse();
		assertThat(ids(explore.list(fixtures.actor(colleague), StudyFilter.none(), null, 100, "TEST").items()))
			.containsExactly(study);
	}

	@Test
	void sourceGroupsSeeTheirDepartmentAndOnlyAdminsManageAccess() {
		Department north = fixtures.department("Radiology East");
		Department south = fixtures.department("Radiology West");
		UserId admin = fixtures.sourceAdmin(north, "Admin East");
		UserId user = fixtures.sourceUser(north, "Clerk East");
		StudyId ours = fixtures.study(north, "Smets^Eva", LocalDate.of(2026, 1, 5), null);
		StudyId theirs = fixtures.study(south, "Smets^Eva", LocalDate.of(2026, 1, 6), null);

		assertThat(access.decide(fixtures.actor(admin), load(ours), Action.MANAGE_ACCESS).isPermitted()).isTrue();
		assertThat(access.decide(fixtures.actor(user), load(ours), Action.VIEW_IMAGES).isPermitted()).isTrue();
		assertThat(access.decide(fixtures.actor(user), load(ours), Action.MANAGE_ACCESS).isPermitted()).isFalse();
		assertThat(access.decide(fixtures.actor(admin), load(theirs), Action.LIST).isPermitted()).isFalse();
		assertThat(ids(explore.list(fixtures.actor(user), StudyFilter.none(), null, 100, "TEST").items()))
			.containsExactly(ours);
	}

	@Test
	void cancelledStudiesAreOpenOnlyToSourceAdminsAndTheServiceDesk() {
		Department department = fixtures.department("Radiology Centre");
		String requester = Fixtures.physicianNumber();
		UserId physician = fixtures.physician("Dr Dubois", requester);
		UserId admin = fixtures.sourceAdmin(department, "Admin Centre");
		UserId user = fixtures.sourceUser(department, "Clerk Centre");
		UserId desk = fixtures.serviceDesk("Desk Operator");
		StudyId study = fixtures.study(department, "Lambert^Marc", LocalDate.of(2026, 2, 2), requester);
		jdbc.sql("update study.study set cancelled = true where id = :id").param("id", study.value()).update();

		assertThat(access.decide(fixtures.actor(physician), load(study), Action.LIST).isPermitted()).isFalse();
		assertThat(access.decide(fixtures.actor(user), load(study), Action.LIST).isPermitted()).isFalse();
		assertThat(access.decide(fixtures.actor(admin), load(study), Action.LIST).isPermitted()).isTrue();
		assertThat(access.decide(fixtures.actor(desk), load(study), Action.LIST).isPermitted()).isTrue();
		assertThat(explore.list(fixtures.actor(physician), StudyFilter.none(), null, 100, "TEST").items()).isEmpty();
		assertThat(ids(explore.list(fixtures.actor(admin), StudyFilter.none(), null, 100, "TEST").items()))
			.containsExactly(study);
	}

	@Test
	void aRefusedRequestIsPublishedForTheLogWithTheActorAndTheStudy() {
		Department department = fixtures.department("Radiology Refusals");
		String owner = Fixtures.physicianNumber();
		UserId prober = fixtures.physician("Dr Prober", Fixtures.physicianNumber());
		UserId clerk = fixtures.sourceUser(department, "Clerk Refusals");
		StudyId study = fixtures.study(department, "Hidden^Patient", LocalDate.of(2026, 2, 3), owner);

		assertThatThrownBy(() -> access.require(fixtures.actor(prober), study, Action.VIEW_IMAGES))
			.isInstanceOf(NotFoundException.class);
		assertThatThrownBy(() -> access.require(fixtures.actor(clerk), study, Action.MANAGE_ACCESS))
			.isInstanceOf(AccessDeniedException.class);

		List<AccessDenied> denials = events.stream(AccessDenied.class)
			.filter(d -> d.studyId().equals(study.value()))
			.toList();
		assertThat(denials).extracting(d -> d.actor().id(), AccessDenied::action)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(prober.toString(), "VIEW_IMAGES"),
					org.assertj.core.groups.Tuple.tuple(clerk.toString(), "MANAGE_ACCESS"));
		assertThat(denials).allSatisfy(d -> assertThat(d.outcome()).isEqualTo(org.studygate.audit.AuditOutcome.DENIED));
	}

	@Test
	void anonymousActorsSeeNothing() {
		Department department = fixtures.department("Radiology Nowhere");
		StudyId study = fixtures.study(department, "Nobody^Sees", LocalDate.of(2026, 2, 2), null);
		assertThat(access.decide(Actor.anonymous(), load(study), Action.LIST).isPermitted()).isFalse();
	}

	@Test
	void theListHoldsExactlyTheStudiesEachActorMayList() {
		Department north = fixtures.department("Radiology Agreement North");
		Department south = fixtures.department("Radiology Agreement South");
		String a = Fixtures.physicianNumber();
		String b = Fixtures.physicianNumber();
		String c = Fixtures.physicianNumber();
		UserId drA = fixtures.physician("Dr A", a);
		UserId drB = fixtures.physician("Dr B", b);
		UserId drC = fixtures.physician("Dr C", c);
		fixtures.practice("Practice Agreement", drA, drB);
		UserId adminNorth = fixtures.sourceAdmin(north, "Admin Agreement");
		UserId userSouth = fixtures.sourceUser(south, "Clerk Agreement");
		List<StudyId> all = List.of(fixtures.study(north, "One^Patient", LocalDate.of(2026, 1, 1), a),
				fixtures.study(north, "Two^Patient", LocalDate.of(2026, 1, 2), b, c),
				fixtures.study(south, "Three^Patient", LocalDate.of(2026, 1, 3), c),
				fixtures.study(south, "Four^Patient", LocalDate.of(2026, 1, 4), null),
				fixtures.study(north, "Five^Patient", LocalDate.of(2026, 1, 5), a));
		jdbc.sql("update study.study set cancelled = true where id = :id").param("id", all.get(4).value()).update();

		for (UserId user : List.of(drA, drB, drC, adminNorth, userSouth)) {
			Actor actor = fixtures.actor(user);
			List<StudyId> permitted = all.stream()
				.filter(id -> access.decide(actor, load(id), Action.LIST).isPermitted())
				.toList();
			List<StudyId> listed = ids(explore.list(actor, StudyFilter.none(), null, 100, "TEST").items()).stream()
				.filter(all::contains)
				.toList();
			assertThat(listed).as(actor.name()).containsExactlyInAnyOrderElementsOf(permitted);
		}
		assertThat(ids(explore.list(fixtures.actor(drA), StudyFilter.none(), null, 100, "TEST").items()))
			.containsExactlyInAnyOrder(all.get(0), all.get(1));
		assertThat(ids(explore.list(fixtures.actor(drC), StudyFilter.none(), null, 100, "TEST").items()))
			.containsExactlyInAnyOrder(all.get(1), all.get(2));
	}

	private org.studygate.study.Study load(StudyId id) {
		return access.require(Actor.systemOperator("test"), id, Action.LIST).study();
	}

	private static List<StudyId> ids(List<StudySummary> rows) {
		return rows.stream().map(StudySummary::id).toList();
	}

}
