package org.studygate.access;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.studygate.directory.Actor;
import org.studygate.directory.ActorKind;
import org.studygate.directory.GroupId;
import org.studygate.directory.GroupKind;
import org.studygate.directory.Membership;
import org.studygate.directory.MembershipRole;
import org.studygate.directory.UserId;
import org.studygate.study.ReportStatus;
import org.studygate.study.Study;
import org.studygate.study.StudyId;

import static org.assertj.core.api.Assertions.assertThat;

/** The decision point's built-in paths, on plain values, at a given instant. */
class AccessPathsTests {

	static final UUID RADIOLOGY_NORTH = UUID.randomUUID();

	static final UUID RADIOLOGY_SOUTH = UUID.randomUUID();

	final AccessControl access = new AccessControl(List.of(new SourceGroupPaths.ServiceDeskPath(),
			new SourceGroupPaths.SourceAdminPath(), new SourceGroupPaths.SourceUserPath(),
			new PhysicianPaths.RequesterPath(), new PhysicianPaths.PracticePath()), null, event -> {
			}, Clock.fixed(Instant.parse("2026-06-01T10:00:00Z"), ZoneOffset.UTC), ExclusionStoreStub.NONE,
			ExclusionStoreStub.UNRESTRICTED);

	final Study ctOfMrsMaes = study(RADIOLOGY_NORTH, "PHYS-PEETERS", Set.of("PHYS-WOUTERS"), false);

	@Test
	void theRequesterMayDoEverythingButManageAccessAndReadTheLog() {
		Actor drPeeters = physician("PHYS-PEETERS", Set.of());
		for (Action action : Action.values()) {
			boolean expected = action != Action.MANAGE_ACCESS && action != Action.READ_LOG;
			assertThat(access.decide(drPeeters, ctOfMrsMaes, action).isPermitted()).as(action.name())
				.isEqualTo(expected);
		}
	}

	@Test
	void aCopiedPhysicianIsPermittedWithTheBasisNamed() {
		Decision decision = access.decide(physician("PHYS-WOUTERS", Set.of()), ctOfMrsMaes, Action.VIEW_REPORT);
		assertThat(decision).isEqualTo(new Decision.Permitted(PathName.REQUESTER_CC, "copied to the physician"));
	}

	@Test
	void aPracticeColleagueSeesButDoesNotShareOrDownload() {
		Actor drClaes = physician("PHYS-CLAES", Set.of("PHYS-CLAES", "PHYS-PEETERS"));
		assertThat(access.decide(drClaes, ctOfMrsMaes, Action.VIEW_IMAGES)).isEqualTo(
				new Decision.Permitted(PathName.GROUP_PRACTICE, "practice colleague of the requesting physician"));
		assertThat(access.decide(drClaes, ctOfMrsMaes, Action.SHARE).isPermitted()).isFalse();
		assertThat(access.decide(drClaes, ctOfMrsMaes, Action.DOWNLOAD).isPermitted()).isFalse();
	}

	@Test
	void anUnrelatedPhysicianIsDeniedWithAReason() {
		Decision decision = access.decide(physician("PHYS-OTHER", Set.of()), ctOfMrsMaes, Action.LIST);
		assertThat(decision).isInstanceOf(Decision.Denied.class);
		assertThat(((Decision.Denied) decision).reason()).isEqualTo("no way in for LIST");
	}

	@Test
	void sourceGroupsOpenOnlyTheirOwnDepartment() {
		Actor adminNorth = staff(GroupKind.SOURCE_ADMINS, RADIOLOGY_NORTH);
		Actor userNorth = staff(GroupKind.SOURCE_USERS, RADIOLOGY_NORTH);
		Actor adminSouth = staff(GroupKind.SOURCE_ADMINS, RADIOLOGY_SOUTH);
		assertThat(access.decide(adminNorth, ctOfMrsMaes, Action.MANAGE_ACCESS).isPermitted()).isTrue();
		assertThat(access.decide(userNorth, ctOfMrsMaes, Action.SHARE).isPermitted()).isTrue();
		assertThat(access.decide(userNorth, ctOfMrsMaes, Action.READ_LOG).isPermitted()).isFalse();
		assertThat(access.decide(adminSouth, ctOfMrsMaes, Action.LIST).isPermitted()).isFalse();
	}

	@Test
	void aCancelledStudyIsOpenToItsSourceAdminsAndTheServiceDeskOnly() {
		Study cancelled = study(RADIOLOGY_NORTH, "PHYS-PEETERS", Set.of(), true);
		assertThat(access.decide(physician("PHYS-PEETERS", Set.of()), cancelled, Action.LIST))
			.isEqualTo(new Decision.Denied("the study is cancelled"));
		assertThat(access.decide(staff(GroupKind.SOURCE_USERS, RADIOLOGY_NORTH), cancelled, Action.LIST).isPermitted())
			.isFalse();
		assertThat(access.decide(staff(GroupKind.SOURCE_ADMINS, RADIOLOGY_NORTH), cancelled, Action.LIST))
			.isEqualTo(new Decision.Permitted(PathName.SOURCE_ADMIN, "admin of the sending department"));
		assertThat(access.decide(Actor.systemOperator("desk"), cancelled, Action.MANAGE_ACCESS))
			.isEqualTo(new Decision.Permitted(PathName.SERVICE_DESK, "service desk"));
	}

	@Test
	void theListConditionOfAnActorWithoutAWayInMatchesNothing() {
		assertThat(access.visibleStudies(physician("PHYS-NOBODY", Set.of())).sql()).contains("sp.physician_number");
		assertThat(access.visibleStudies(Actor.anonymous()).isNever()).isTrue();
		assertThat(access.visibleStudies(Actor.systemOperator("desk")).isAlways()).isTrue();
	}

	static Actor physician(String number, Set<String> practiceNumbers) {
		return new Actor(ActorKind.USER, UserId.random(), "Dr " + number, false, Set.of(number), List.of(),
				practiceNumbers);
	}

	static Actor staff(GroupKind kind, UUID department) {
		return new Actor(ActorKind.USER, UserId.random(), "Staff", false, Set.of(),
				List.of(new Membership(GroupId.random(), kind, department, MembershipRole.MEMBER)), Set.of());
	}

	static Study study(UUID department, String requester, Set<String> cc, boolean cancelled) {
		return new Study(StudyId.random(), "1.2.3", "ACC1", department, LocalDate.of(2026, 5, 1),
				LocalDateTime.of(2026, 5, 1, 9, 0), "CT", "CT thorax", 2, 200, ReportStatus.FINAL, null, false, false,
				cancelled, Instant.parse("2026-05-01T09:30:00Z"),
				new Study.Patient(UUID.randomUUID(), "P1", "Maes^Anna", LocalDate.of(1960, 1, 1), "F", null), null,
				requester, cc);
	}

}
