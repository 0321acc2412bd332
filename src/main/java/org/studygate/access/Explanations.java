package org.studygate.access;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.studygate.NotFoundException;
import org.studygate.directory.Actor;
import org.studygate.directory.Directory;
import org.studygate.directory.Users;
import org.studygate.directory.GroupId;
import org.studygate.directory.UserId;
import org.studygate.directory.UserView;
import org.studygate.study.Study;
import org.studygate.study.StudyId;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * "Why can this user see it?" on the Access tab: for each action, whether a user may take
 * it on the study now and every way in that permits it, or why not, with the grants that
 * would but are not in force. For those who manage the study's access (MANAGE_ACCESS);
 * each explanation is published for the log.
 */
@Service
public class Explanations {

	private final AccessControl access;

	private final GrantStore store;

	private final AccessEntries entries;

	private final Directory directory;

	private final Users users;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Explanations(AccessControl access, GrantStore store, AccessEntries entries, Directory directory, Users users,
			ApplicationEventPublisher events, Clock clock) {
		this.access = access;
		this.store = store;
		this.entries = entries;
		this.directory = directory;
		this.users = users;
		this.events = events;
		this.clock = clock;
	}

	@Transactional
	public Explanation explain(Actor actor, StudyId studyId, UserId userId) {
		Study study = access.require(actor, studyId, Action.MANAGE_ACCESS).study();
		UserView user = users.find(userId).orElseThrow(() -> new NotFoundException("user"));
		Optional<Actor> subject = directory.actorOf(userId);
		Instant now = clock.instant();
		ZoneId zone = entries.zone(study);
		List<Grant> grants = subject.isEmpty() ? List.of()
				: store.ofStudy(studyId).stream().filter(g -> concerns(g, subject.get())).toList();
		List<Explanation.ActionExplanation> actions = new ArrayList<>();
		boolean unlockNeeded = false;
		for (Action action : Action.values()) {
			List<String> ways = new ArrayList<>();
			String denied = subject.isEmpty() ? "the user is locked" : null;
			boolean permitted = false;
			if (subject.isPresent()) {
				ways.addAll(ways(subject.get(), study, action, grants, now, zone));
				Decision decision = access.decide(subject.get(), study, action);
				boolean locked = decision instanceof Decision.Denied d && AccessControl.RESTRICTED.equals(d.reason());
				unlockNeeded |= locked;
				permitted = !ways.isEmpty() && !locked;
				denied = locked ? UNLOCK_NEEDED
						: ways.isEmpty() && decision instanceof Decision.Denied d ? d.reason() : null;
			}
			List<String> notInForce = grants.stream()
				.filter(g -> !g.inForceAt(now) && g.allows(action))
				.map(g -> describe(g, zone) + " — " + g.stateAt(now).name().toLowerCase().replace('_', ' '))
				.toList();
			actions.add(new Explanation.ActionExplanation(action, permitted, ways, denied, notInForce));
		}
		events.publishEvent(new AccessExplained(now, actor.asAuditActor(), studyId.value(), userId.value()));
		return new Explanation(userId, user.displayName(), unlockNeeded, actions);
	}

	/**
	 * Why an entitled user is refused a restricted study he has not unlocked (decision
	 * 060).
	 */
	static final String UNLOCK_NEEDED = "the study is restricted: this user must unlock it, with a purpose and a reason,"
			+ " before opening it (it stays on his lists)";

	/**
	 * Every way in that permits the action now: the paths other than grants, then each
	 * grant in force.
	 */
	private List<String> ways(Actor subject, Study study, Action action, List<Grant> grants, Instant now, ZoneId zone) {
		List<String> ways = new ArrayList<>();
		for (Decision.Permitted permitted : access.allPermitting(subject, study, action)) {
			if (permitted.path() == PathName.GRANT_USER || permitted.path() == PathName.GRANT_GROUP) {
				continue;
			}
			ways.add(permitted.path().name() + ": " + permitted.basis());
		}
		if (!study.cancelled()) {
			grants.stream().filter(g -> g.inForceAt(now) && g.allows(action)).forEach(g -> ways.add(describe(g, zone)));
		}
		return ways;
	}

	private static boolean concerns(Grant grant, Actor subject) {
		return switch (grant.subjectType()) {
			case USER -> grant.subjectId().equals(subject.userId().value());
			case GROUP -> subject.groupIds().contains(new GroupId(grant.subjectId()));
		};
	}

	private String describe(Grant g, ZoneId zone) {
		DateTimeFormatter day = DateTimeFormatter.ISO_LOCAL_DATE.withZone(zone);
		DateTimeFormatter minute = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(zone);
		StringBuilder text = new StringBuilder(g.subjectType() == SubjectType.GROUP
				? PathName.GRANT_GROUP.name() + ": via group " + entries.subjectName(SubjectType.GROUP, g.subjectId())
				: PathName.GRANT_USER.name() + ": granted to the user");
		text.append(", ").append(g.scope().name());
		text.append(", granted by ").append(g.grantedByName() == null ? "the system" : g.grantedByName());
		text.append(" on ").append(day.format(g.grantedAt()));
		if (g.validFrom() != null) {
			text.append(", from ").append(minute.format(g.validFrom()));
		}
		text.append(g.validUntil() == null ? ", no end" : ", until " + minute.format(g.validUntil()));
		if (g.withdrawnAt() != null) {
			text.append(", withdrawn on ").append(day.format(g.withdrawnAt()));
		}
		return text.toString();
	}

}
