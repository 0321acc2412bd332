package org.studygate.directory;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.studygate.NotFoundException;

import org.springframework.security.access.AccessDeniedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AdministrationPolicyTests {

	private final GroupView practiceLinde = group(GroupKind.PRACTICE, false);

	private final GroupView publicPractice = group(GroupKind.PRACTICE, true);

	private final GroupView radiologyAdmins = new GroupView(GroupId.random(), GroupKind.SOURCE_ADMINS,
			"Radiology — admins", null, null, null, false, UUID.randomUUID(), List.of(),
			GroupNotification.PRIMARY_CONTACT);

	@Test
	void serviceDeskAdministersThePlatformAndEveryGroup() {
		Actor desk = actor(true);

		assertThat(AdministrationPolicy.platform(desk).isAllowed()).isTrue();
		assertThat(AdministrationPolicy.group(desk, practiceLinde).isAllowed()).isTrue();
		assertThat(AdministrationPolicy.group(desk, radiologyAdmins).isAllowed()).isTrue();
	}

	@Test
	void physicianMayNotAdministerThePlatform() {
		assertThat(AdministrationPolicy.platform(actor(false)))
			.isEqualTo(new AdministrationDecision.Refused(false, "only the service desk administers the platform"));
		assertThatThrownBy(() -> AdministrationPolicy.platform(actor(false)).enforce())
			.isInstanceOf(AccessDeniedException.class);
	}

	@Test
	void groupAdminAdministersHisGroupOnly() {
		Actor drClaes = actor(false,
				new Membership(practiceLinde.id(), GroupKind.PRACTICE, null, MembershipRole.ADMIN));

		assertThat(AdministrationPolicy.group(drClaes, practiceLinde))
			.isEqualTo(new AdministrationDecision.Allowed("admin of the group"));
		assertThat(AdministrationPolicy.group(drClaes, group(GroupKind.PRACTICE, false)))
			.isEqualTo(new AdministrationDecision.Refused(true, "not a member of the group"));
		assertThat(AdministrationPolicy.platform(drClaes).isAllowed()).isFalse();
	}

	@Test
	void plainMemberSeesButMayNotAdministerHisGroup() {
		Actor member = actor(false,
				new Membership(practiceLinde.id(), GroupKind.PRACTICE, null, MembershipRole.MEMBER));

		assertThat(AdministrationPolicy.group(member, practiceLinde))
			.isEqualTo(new AdministrationDecision.Refused(false, "not an admin of the group"));
	}

	@Test
	void publicGroupIsVisibleButNotAdministrableByStrangers() {
		assertThat(AdministrationPolicy.group(actor(false), publicPractice))
			.isEqualTo(new AdministrationDecision.Refused(false, "not an admin of the group"));
		assertThatThrownBy(() -> AdministrationPolicy.group(actor(false), practiceLinde).enforce())
			.isInstanceOf(NotFoundException.class);
	}

	@Test
	void adminRoleInASourceGroupDoesNotAllowChangingIt() {
		Actor sourceAdmin = actor(false, new Membership(radiologyAdmins.id(), GroupKind.SOURCE_ADMINS,
				radiologyAdmins.departmentId(), MembershipRole.ADMIN));

		assertThat(AdministrationPolicy.group(sourceAdmin, radiologyAdmins))
			.isEqualTo(new AdministrationDecision.Refused(false, "source groups are administered by the service desk"));
	}

	private static GroupView group(GroupKind kind, boolean isPublic) {
		return new GroupView(GroupId.random(), kind, "Practice " + UUID.randomUUID(), null, null, null, isPublic, null,
				List.of(), GroupNotification.PRIMARY_CONTACT);
	}

	private static Actor actor(boolean serviceDesk, Membership... memberships) {
		return new Actor(ActorKind.USER, UserId.random(), "Dr Claes", serviceDesk, Set.of(), List.of(memberships),
				Set.of());
	}

}
