package org.studygate.directory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.studygate.NotFoundException;
import org.studygate.audit.AuditOutcome;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Practice memberships lapse {@link #LAPSE} after their last confirmation
 * (docs/decisions/061-practice-sharing-by-choice.md): a lapsed membership counts nowhere
 * (the actor's memberships, the practice path, the lists, the Access tab), until the
 * member confirms it again with one click on "My memberships" or through the API. The
 * member is mailed {@link #REMINDER} before it lapses, once per confirmation.
 */
@Service
public class Reconfirmations {

	/** How long a practice membership counts after its last confirmation. */
	public static final Period LAPSE = Period.ofMonths(3);

	/** How long before the lapse the member is reminded. */
	public static final Duration REMINDER = Duration.ofDays(14);

	private final MembershipStore store;

	private final Groups groups;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Reconfirmations(MembershipStore store, Groups groups, ApplicationEventPublisher events, Clock clock) {
		this.store = store;
		this.groups = groups;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Memberships confirmed at or before the returned instant have lapsed at {@code now}.
	 */
	static Instant lapsesBefore(Instant now) {
		return now.atOffset(ZoneOffset.UTC).minus(LAPSE).toInstant();
	}

	/** When a membership confirmed at {@code confirmedAt} lapses. */
	static Instant lapsesAt(Instant confirmedAt) {
		return confirmedAt.atOffset(ZoneOffset.UTC).plus(LAPSE).toInstant();
	}

	/**
	 * The signed-in member confirms his practice membership again, lapsed or not; it
	 * counts from the next request for another {@link #LAPSE}. Logged as an
	 * administration entry (MEMBERSHIP_CONFIRMED).
	 * @return when it lapses now
	 * @throws NotFoundException when he has no active membership of that practice
	 */
	@Transactional
	public Instant confirm(Actor actor, GroupId group) {
		if (!actor.isUser()) {
			throw new AccessDeniedException("only staff users have memberships");
		}
		Instant now = clock.instant();
		if (!store.confirm(group, actor.userId(), now)) {
			throw new NotFoundException("membership");
		}
		String name = groups.find(group).map(GroupView::name).orElse(null);
		events.publishEvent(new MembershipChanged(now, actor.asAuditActor(), "MEMBERSHIP_CONFIRMED",
				AuditOutcome.SUCCESS, group.toString(), name, actor.userId(), actor.name(), null,
				Map.of("lapsesAt", lapsesAt(now).toString())));
		return lapsesAt(now);
	}

	/** When the user's practice membership lapses (or lapsed), if he has one. */
	@Transactional(readOnly = true)
	public Optional<Instant> lapsesAt(GroupId group, UserId user) {
		return store.lapsesAt(group, user);
	}

	/** The practices whose membership lapsed for the signed-in user, to confirm again. */
	@Transactional(readOnly = true)
	public List<GroupView> lapsed(Actor actor) {
		if (!actor.isUser()) {
			return List.of();
		}
		return store.lapsedPractices(actor.userId()).stream().flatMap(g -> groups.find(g).stream()).toList();
	}

	/**
	 * When each of the user's practice memberships lapses, for "My memberships".
	 */
	@Transactional(readOnly = true)
	public Map<GroupId, Instant> lapses(Actor actor, List<GroupView> memberships) {
		Map<GroupId, Instant> lapses = new java.util.HashMap<>();
		memberships.stream()
			.filter(g -> g.kind() == GroupKind.PRACTICE)
			.forEach(g -> store.lapsesAt(g.id(), actor.userId()).ifPresent(at -> lapses.put(g.id(), at)));
		return lapses;
	}

	@Scheduled(fixedDelayString = "${studygate.memberships.reminder-sweep:PT1H}", initialDelayString = "PT1M")
	void sweep() {
		remind(clock.instant());
	}

	/**
	 * Claims every reminder due at {@code now} and publishes one event per member and
	 * practice; the mail leaves after the commit ({@link ReconfirmationNotifier}).
	 * Running it twice reminds nobody twice.
	 * @return the reminders claimed
	 */
	@Transactional
	List<MembershipStore.Due> remind(Instant now) {
		List<MembershipStore.Due> due = store.claimReminders(now, lapsesBefore(now), lapsesBefore(now.plus(REMINDER)));
		due.forEach(d -> events.publishEvent(new ReconfirmationDue(d.user(), d.group(), d.groupName(), d.lapsesAt())));
		return due;
	}

}
