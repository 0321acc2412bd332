package org.studygate.access;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The one rule for "may this actor give this on this study now?"
 * (docs/product/10-cross-cutting-rules.md, decision 030), as a policy that answers with a
 * reason. Nobody gives what he does not have: the report only with VIEW_REPORT, may-share
 * only with SHARE, download/forward only with DOWNLOAD and FORWARD, write access to the
 * report only as source staff. Nobody gives to himself, nor to a group he belongs to
 * (unless he is source staff, whose access comes with his role). A gift never outlasts
 * the giver's own access to what it gives, unless he is source staff. A gift to a subject
 * who already holds a grant on the study merges into it (the widest rights, the latest
 * end; decision 007): when the merge changes that grant, the giver answers for the merged
 * whole, so that no gift stretches rights he could not give himself (an expired grant's
 * report revived, a short may-share made long).
 */
final class GivingPolicy {

	/** What was wrong with a gift; each names the field a client corrects. */
	enum Fault {

		/** The recipient is the giver, or a group he belongs to. */
		SELF(false),
		/**
		 * The report is given without VIEW_REPORT, or write access by someone other than
		 * source staff.
		 */
		REPORT(true),
		/** May-share is given without SHARE. */
		SHARE(true),
		/** May-download/forward is given without DOWNLOAD and FORWARD. */
		TRANSFER(true),
		/** The gift would outlast the giver's own access. */
		VALIDITY(false);

		/**
		 * Whether the giver lacks a right (answered 403) rather than asked for the wrong
		 * thing (400).
		 */
		final boolean forbidden;

		Fault(boolean forbidden) {
			this.forbidden = forbidden;
		}

	}

	/** The policy's answer. */
	sealed interface Verdict {

		record Allowed() implements Verdict {

		}

		record Refused(Fault fault, String reason) implements Verdict {

		}

	}

	/**
	 * What the decision point says about the giver on the study.
	 *
	 * @param userId the giver, {@code null} for the system
	 * @param groupIds the groups he belongs to now
	 * @param sourceStaff a source user or admin of the study's department, or the service
	 * desk
	 * @param reach per action, the end of the longest way in that permits it
	 * ({@link #OPEN} = no end); an action missing from the map is not permitted
	 */
	record Giver(UUID userId, Set<UUID> groupIds, boolean sourceStaff, Map<Action, Instant> reach) {

		/** Stands for "no end" in {@link #reach}. */
		static final Instant OPEN = Instant.MAX;

		boolean may(Action action) {
			return reach.containsKey(action);
		}

	}

	private GivingPolicy() {
	}

	/**
	 * {@link #check}, on the grant the gift would leave the recipient with when it merges
	 * into his.
	 */
	static Verdict check(Giver giver, Gift gift, Grant existing) {
		Verdict own = check(giver, gift);
		if (!(own instanceof Verdict.Allowed) || existing == null) {
			return own;
		}
		Gift merged = merged(existing, gift);
		if (merged.scope() == existing.scope() && merged.mayShare() == existing.mayShare()
				&& merged.mayTransfer() == existing.mayTransfer()
				&& java.util.Objects.equals(merged.validUntil(), existing.validUntil())) {
			return own;
		}
		Verdict whole = check(giver, merged);
		return whole instanceof Verdict.Refused refused ? new Verdict.Refused(refused.fault(),
				"merged with the recipient's existing grant: " + refused.reason()) : whole;
	}

	/** The grant's rights after the merge rule of decision 007. */
	static Gift merged(Grant existing, Gift gift) {
		Instant until = existing.validUntil() == null || gift.validUntil() == null ? null
				: existing.validUntil().isAfter(gift.validUntil()) ? existing.validUntil() : gift.validUntil();
		return new Gift(existing.scope().widest(gift.scope()), existing.mayShare() || gift.mayShare(),
				existing.mayTransfer() || gift.mayTransfer(), until, gift.recipient());
	}

	static Verdict check(Giver giver, Gift gift) {
		Gift.Recipient to = gift.recipient();
		if (to.type() == SubjectType.USER && to.id().equals(giver.userId())) {
			return new Verdict.Refused(Fault.SELF, "nobody gives access to himself");
		}
		if (to.type() == SubjectType.GROUP && giver.groupIds().contains(to.id()) && !giver.sourceStaff()) {
			return new Verdict.Refused(Fault.SELF, "nobody gives access to a group he belongs to");
		}
		if (gift.scope().includesReport() && !giver.may(Action.VIEW_REPORT)) {
			return new Verdict.Refused(Fault.REPORT, "the report is given only by who may read it");
		}
		if (gift.scope() == GrantScope.IMAGES_REPORT_WRITE && !giver.sourceStaff()) {
			return new Verdict.Refused(Fault.REPORT, "writing the report is given only by the department's staff");
		}
		if (gift.mayShare() && !giver.may(Action.SHARE)) {
			return new Verdict.Refused(Fault.SHARE, "may-share is given only by who may share");
		}
		if (gift.mayTransfer() && !(giver.may(Action.DOWNLOAD) && giver.may(Action.FORWARD))) {
			return new Verdict.Refused(Fault.TRANSFER, "download and forward are given only by who may do both");
		}
		Instant end = latestEnd(giver, gift);
		Instant until = gift.validUntil() == null ? Giver.OPEN : gift.validUntil();
		if (until.isAfter(end)) {
			return new Verdict.Refused(Fault.VALIDITY,
					"must not be after " + end + ", when the giver's own access ends");
		}
		return new Verdict.Allowed();
	}

	/**
	 * The latest end a gift may have: no bound for source staff; otherwise the earliest
	 * of the ends of the giver's ways to each thing given (the images always, the report,
	 * sharing, download and forward as given) and of his right to share.
	 */
	static Instant latestEnd(Giver giver, Gift gift) {
		if (giver.sourceStaff()) {
			return Giver.OPEN;
		}
		Instant end = Giver.OPEN;
		for (Action action : needed(gift)) {
			Instant reach = giver.reach().get(action);
			if (reach != null && reach.isBefore(end)) {
				end = reach;
			}
		}
		return end;
	}

	private static Set<Action> needed(Gift gift) {
		java.util.EnumSet<Action> needed = java.util.EnumSet.of(Action.VIEW_IMAGES);
		if (gift.scope().includesReport()) {
			needed.add(Action.VIEW_REPORT);
		}
		if (gift.mayShare()) {
			needed.add(Action.SHARE);
		}
		if (gift.mayTransfer()) {
			needed.add(Action.DOWNLOAD);
			needed.add(Action.FORWARD);
		}
		return needed;
	}

}
