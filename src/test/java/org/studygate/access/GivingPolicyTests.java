package org.studygate.access;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.studygate.directory.GroupId;
import org.studygate.directory.UserId;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one rule for giving (decision 030) as a policy, given what the decision point says
 * about the giver.
 */
class GivingPolicyTests {

	private static final Instant NOW = Instant.parse("2026-06-01T10:00:00Z");

	private static final UUID DR_JANSSENS = UUID.randomUUID();

	private static final UUID DR_PEETERS = UUID.randomUUID();

	private static final UUID PRACTICE_ZUID = UUID.randomUUID();

	/** Dr Janssens holds an images-only grant with may-share, ending in a week. */
	private static GivingPolicy.Giver imagesOnlyGrantee() {
		Instant end = NOW.plus(Duration.ofDays(7));
		Map<Action, Instant> reach = new EnumMap<>(Action.class);
		for (Action action : Set.of(Action.LIST, Action.VIEW_IMAGES, Action.SHARE)) {
			reach.put(action, end);
		}
		return new GivingPolicy.Giver(DR_JANSSENS, Set.of(PRACTICE_ZUID), false, reach);
	}

	/**
	 * A source user of the study's department: everything but managing, without an end.
	 */
	private static GivingPolicy.Giver sourceUser() {
		Map<Action, Instant> reach = new EnumMap<>(Action.class);
		for (Action action : Grant.MAY_GIVE) {
			reach.put(action, GivingPolicy.Giver.OPEN);
		}
		return new GivingPolicy.Giver(DR_JANSSENS, Set.of(PRACTICE_ZUID), true, reach);
	}

	private static Gift toPeeters(GrantScope scope, boolean share, boolean transfer, Instant until) {
		return new Gift(scope, share, transfer, until, Gift.Recipient.user(new UserId(DR_PEETERS)));
	}

	private static GivingPolicy.Fault fault(GivingPolicy.Verdict verdict) {
		return verdict instanceof GivingPolicy.Verdict.Refused refused ? refused.fault() : null;
	}

	@Test
	void aGranteeGivesWhatHeHasUntilHisOwnEnd() {
		assertThat(GivingPolicy.check(imagesOnlyGrantee(),
				toPeeters(GrantScope.IMAGES, true, false, NOW.plus(Duration.ofDays(7)))))
			.isInstanceOf(GivingPolicy.Verdict.Allowed.class);
	}

	@Test
	void nobodyGivesWhatHeDoesNotHave() {
		Instant soon = NOW.plus(Duration.ofDays(1));
		assertThat(fault(
				GivingPolicy.check(imagesOnlyGrantee(), toPeeters(GrantScope.IMAGES_REPORT_READ, false, false, soon))))
			.isEqualTo(GivingPolicy.Fault.REPORT);
		assertThat(fault(GivingPolicy.check(imagesOnlyGrantee(), toPeeters(GrantScope.IMAGES, false, true, soon))))
			.isEqualTo(GivingPolicy.Fault.TRANSFER);
		Map<Action, Instant> seesAll = new EnumMap<>(sourceUser().reach());
		seesAll.remove(Action.SHARE);
		GivingPolicy.Giver cannotShare = new GivingPolicy.Giver(DR_JANSSENS, Set.of(), false, seesAll);
		assertThat(fault(GivingPolicy.check(cannotShare, toPeeters(GrantScope.IMAGES, true, false, soon))))
			.isEqualTo(GivingPolicy.Fault.SHARE);
	}

	@Test
	void writingTheReportIsGivenOnlyByTheDepartmentsStaff() {
		GivingPolicy.Giver requester = new GivingPolicy.Giver(DR_JANSSENS, Set.of(), false, sourceUser().reach());
		assertThat(fault(GivingPolicy.check(requester, toPeeters(GrantScope.IMAGES_REPORT_WRITE, false, false, null))))
			.isEqualTo(GivingPolicy.Fault.REPORT);
		assertThat(GivingPolicy.check(sourceUser(), toPeeters(GrantScope.IMAGES_REPORT_WRITE, false, false, null)))
			.isInstanceOf(GivingPolicy.Verdict.Allowed.class);
	}

	@Test
	void nobodyGivesToHimselfNorToAGroupOfHisUnlessHeIsSourceStaff() {
		Gift himself = new Gift(GrantScope.IMAGES, false, false, null, Gift.Recipient.user(new UserId(DR_JANSSENS)));
		Gift practice = new Gift(GrantScope.IMAGES, false, false, NOW.plus(Duration.ofDays(1)),
				Gift.Recipient.group(new GroupId(PRACTICE_ZUID)));
		assertThat(fault(GivingPolicy.check(imagesOnlyGrantee(), himself))).isEqualTo(GivingPolicy.Fault.SELF);
		assertThat(fault(GivingPolicy.check(sourceUser(), himself))).isEqualTo(GivingPolicy.Fault.SELF);
		assertThat(fault(GivingPolicy.check(imagesOnlyGrantee(), practice))).isEqualTo(GivingPolicy.Fault.SELF);
		assertThat(GivingPolicy.check(sourceUser(), practice)).isInstanceOf(GivingPolicy.Verdict.Allowed.class);
	}

	@Test
	void aGiftNeverOutlastsTheGiversOwnAccessUnlessHeIsSourceStaff() {
		Gift longer = toPeeters(GrantScope.IMAGES, false, false, NOW.plus(Duration.ofDays(30)));
		Gift endless = toPeeters(GrantScope.IMAGES, false, false, null);
		assertThat(fault(GivingPolicy.check(imagesOnlyGrantee(), longer))).isEqualTo(GivingPolicy.Fault.VALIDITY);
		assertThat(fault(GivingPolicy.check(imagesOnlyGrantee(), endless))).isEqualTo(GivingPolicy.Fault.VALIDITY);
		assertThat(GivingPolicy.check(sourceUser(), endless)).isInstanceOf(GivingPolicy.Verdict.Allowed.class);
		assertThat(GivingPolicy.latestEnd(imagesOnlyGrantee(), longer)).isEqualTo(NOW.plus(Duration.ofDays(7)));
	}

	@Test
	void aGiftMergedIntoTheRecipientsGrantMayNotStretchRightsTheGiverLacks() {
		Grant shortReport = new Grant(new GrantId(UUID.randomUUID()), null, SubjectType.USER, DR_PEETERS,
				GrantScope.IMAGES_REPORT_READ, false, false, null, NOW.plus(Duration.ofDays(1)), GrantOrigin.RULE, NOW,
				null, "Admin", null, null, null);
		Gift images = toPeeters(GrantScope.IMAGES, false, false, NOW.plus(Duration.ofDays(5)));
		Gift withinIt = toPeeters(GrantScope.IMAGES, false, false, NOW.plus(Duration.ofHours(2)));
		assertThat(fault(GivingPolicy.check(imagesOnlyGrantee(), images, shortReport)))
			.isEqualTo(GivingPolicy.Fault.REPORT);
		assertThat(GivingPolicy.check(imagesOnlyGrantee(), withinIt, shortReport))
			.isInstanceOf(GivingPolicy.Verdict.Allowed.class);
	}

}
