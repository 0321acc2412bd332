package org.studygate.access;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.studygate.InvalidInputException;
import org.studygate.NotFoundException;
import org.studygate.department.Department;
import org.studygate.department.Departments;
import org.studygate.directory.Actor;
import org.studygate.directory.ActorKind;
import org.studygate.directory.Directory;
import org.studygate.directory.GroupId;
import org.studygate.directory.GroupKind;
import org.studygate.directory.GroupView;
import org.studygate.directory.Groups;
import org.studygate.directory.UserId;
import org.studygate.directory.UserView;
import org.studygate.directory.Users;
import org.studygate.study.Study;
import org.studygate.study.StudyId;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Explicit grants of a study to users and groups (SPEC §2), the Users section of the Access tab
 * (SPEC §4) and the explanation of a user's access. Everything here needs MANAGE_ACCESS on the
 * study (its source admins and the service desk); a study the actor may not even list is not found.
 *
 * <p>Merge rule: a repeated grant to the same subject on the same study does not add a row; the
 * subject's live grant takes the widest scope, either may-share/may-transfer flag, the earliest start
 * and the latest end (no end wins). A withdrawal ends the grant at once; a later grant starts anew.
 */
@Service
public class Grants {

	/** Longest reason accepted for a withdrawal. */
	public static final int MAX_REASON = 500;

	private final GrantStore store;

	private final AccessControl access;

	private final Directory directory;

	private final Users users;

	private final Groups groups;

	private final Departments departments;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final List<AccessTabSection> sections;

	private final Giving giving;

	Grants(GrantStore store, AccessControl access, Directory directory, Users users, Groups groups,
			Departments departments, ApplicationEventPublisher events, Clock clock, List<AccessTabSection> sections, Giving giving) {
		this.giving = giving;
		this.sections = sections.stream().sorted(Comparator.comparingInt(s -> SECTION_KEYS.indexOf(s.key()))).toList();
		this.store = store;
		this.access = access;
		this.directory = directory;
		this.users = users;
		this.groups = groups;
		this.departments = departments;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Gives (or widens) a grant on the study; the subject must exist. A person may not give a grant
	 * that has already ended (a mistake that would only clutter the tab); the application itself may,
	 * when it carries over the history of another system. The one rule for giving applies (decision
	 * 030): nobody grants himself.
	 */
	@Transactional
	public Grant grant(Actor actor, StudyId studyId, NewGrant grant) {
		Study study = access.require(actor, studyId, Action.MANAGE_ACCESS).study();
		if (actor.kind() != ActorKind.SYSTEM && grant.validUntil() != null
				&& !grant.validUntil().isAfter(clock.instant())) {
			throw new InvalidInputException("validUntil", "must lie in the future");
		}
		requireSubject(grant.subjectType(), grant.subjectId());
		giving.require(actor, study, Giving.Via.GRANT, new Gift(grant.scope(), grant.mayShare(), grant.mayTransfer(),
				grant.validUntil(), new Gift.Recipient(grant.subjectType(), grant.subjectId())));
		return record(actor, studyId, grant);
	}

	/**
	 * Gives the staff user himself a grant that a code he holds opens: a study claimed with its
	 * reference number and the patient's birth date (origin REFERENCE_NUMBER_CLAIM). The grant gives
	 * what the code's session may do on the study, no more (decision 030): its scope, until its end.
	 *
	 * @param codeSession the session the code opens ({@link Actor#patient})
	 * @return the grant, empty when the code does not open the study now (e.g. it was cancelled)
	 */
	@Transactional
	public Optional<Grant> claimed(Actor actor, Actor codeSession, Study study, GrantScope scope) {
		if (!actor.isUser()) {
			throw new org.springframework.security.access.AccessDeniedException("only staff users claim studies");
		}
		if (!(access.reach(codeSession, study, Action.VIEW_IMAGES) instanceof Decision.Permitted opened)) {
			return Optional.empty();
		}
		try {
			giving.requireWithinCode(actor, codeSession, study, new Gift(scope, false, false, opened.until(),
					Gift.Recipient.user(actor.userId().value())));
		}
		catch (InvalidInputException | org.springframework.security.access.AccessDeniedException refused) {
			return Optional.empty(); // logged by the rule; the claimant's grant stays as it was
		}
		return Optional.of(record(actor, study.id(), new NewGrant(SubjectType.USER, actor.userId().value(), scope,
				false, false, null, opened.until(), GrantOrigin.REFERENCE_NUMBER_CLAIM)));
	}

	/** Records a grant whose right to give the caller has checked (a share). */
	Grant record(Actor actor, StudyId studyId, NewGrant grant) {
		Instant now = clock.instant();
		Grant merged = store.merge(studyId, grant, actor, now);
		events.publishEvent(new AccessGranted(now, actor.asAuditActor(), merged));
		return merged;
	}

	/**
	 * A withdrawn grant's line of the Users section, for re-rendering its row.
	 *
	 * @param zone the sending department's time zone, in which the tab shows times
	 */
	public record Withdrawn(AccessEntry line, ZoneId zone) {

	}

	/**
	 * Withdraws a grant of the study with a reason; it permits nothing from the next request on. A
	 * grant of another study, or one already withdrawn, is not found.
	 */
	@Transactional
	public Withdrawn withdraw(Actor actor, StudyId studyId, GrantId grantId, String reason) {
		Study study = access.require(actor, studyId, Action.MANAGE_ACCESS).study();
		if (reason == null || reason.isBlank()) {
			throw new InvalidInputException("reason", "a reason is required");
		}
		if (reason.strip().length() > MAX_REASON) {
			throw new InvalidInputException("reason", "must be at most " + MAX_REASON + " characters");
		}
		Grant grant = store.find(grantId)
			.filter(g -> g.studyId().equals(studyId) && g.withdrawnAt() == null)
			.orElseThrow(() -> new NotFoundException("grant"));
		if (!store.withdraw(studyId, grantId, actor, reason.strip(), clock.instant())) {
			throw new NotFoundException("grant");
		}
		events.publishEvent(new GrantWithdrawn(clock.instant(), actor.asAuditActor(), studyId.value(), grantId,
				grant.subjectType(), grant.subjectId(), reason.strip()));
		Grant withdrawn = store.find(grantId).orElseThrow(() -> new NotFoundException("grant"));
		return new Withdrawn(entry(withdrawn, clock.instant()), zone(study));
	}

	/**
	 * The study and the Users section of its Access tab; the opening is published for the log.
	 *
	 * @param zone the sending department's time zone, in which the tab shows times
	 */
	public record UsersSection(Study study, List<AccessEntry> users, ZoneId zone, List<Section> sections) {

		/** The content of the section filling the given API field, if its capability contributes one. */
		public Optional<Object> content(String key) {
			return sections.stream().filter(s -> s.key().equals(key)).findFirst().map(Section::content);
		}

	}

	/** The other sections of the Access tab, in SPEC §4's order, as their capabilities contribute them. */
	public static final List<String> SECTION_KEYS = List.of("unlocked", "transfers", "buckets", "referenceNumbers",
			"rsw");

	/**
	 * A section other than Users, filled by the {@link AccessTabSection} its capability contributes.
	 *
	 * @param key the access API's field
	 * @param fragment the page's fragment
	 * @param content the section's view
	 */
	public record Section(String key, String fragment, Object content) {

		/** The template holding the fragment. */
		public String template() {
			return fragment.substring(0, fragment.indexOf("::")).strip();
		}

		/** The fragment's name within its template. */
		public String selector() {
			return fragment.substring(fragment.indexOf("::") + 2).strip();
		}

	}

	@Transactional
	public UsersSection users(Actor actor, StudyId studyId, String channel) {
		Study study = access.require(actor, studyId, Action.MANAGE_ACCESS).study();
		events.publishEvent(new AccessTabOpened(clock.instant(), actor.asAuditActor(), studyId.value(), channel));
		ZoneId zone = zone(study);
		List<Section> filled = sections.stream()
			.map(s -> new Section(s.key(), s.fragment(), s.content(actor, study, zone)))
			.toList();
		return new UsersSection(study, entries(study), zone, filled);
	}

	/** The Access tab's page: its Users section and the tabs of the study's page the actor may open. */
	public record AccessTab(UsersSection section, StudyTabs tabs) {

	}

	/** {@link #users} for the Access tab's page, opened from the study's page. */
	@Transactional
	public AccessTab tab(Actor actor, StudyId studyId) {
		UsersSection section = users(actor, studyId, "EXPLORE");
		return new AccessTab(section, access.tabs(actor, section.study()));
	}

	private ZoneId zone(Study study) {
		return departments.find(study.departmentId()).map(Department::timeZone).orElse(ZoneOffset.UTC);
	}

	private List<AccessEntry> entries(Study study) {
		Instant now = clock.instant();
		List<AccessEntry> entries = new ArrayList<>();
		store.ofStudy(study.id())
			.stream()
			.filter(g -> g.withdrawnAt() == null)
			.sorted(Comparator.comparing((Grant g) -> !g.inForceAt(now)).thenComparing(Grant::grantedAt,
					Comparator.reverseOrder()))
			.forEach(g -> entries.add(entry(g, now)));
		for (GroupKind kind : List.of(GroupKind.SOURCE_ADMINS, GroupKind.SOURCE_USERS)) {
			groups.sourceGroup(study.departmentId(), kind)
				.flatMap(groups::find)
				.ifPresent(group -> entries.add(implicit(SubjectType.GROUP, group.id().value(), group.name(),
						GrantScope.IMAGES_REPORT_READ, true, kind.name(), study)));
		}
		Map<String, String> physicians = new LinkedHashMap<>();
		if (study.requesterNumber() != null) {
			physicians.put(study.requesterNumber(), GrantOrigin.REQUESTER.name());
		}
		study.ccNumbers().stream().sorted().forEach(n -> physicians.putIfAbsent(n, GrantOrigin.CC.name()));
		Map<UUID, GroupView> practices = new LinkedHashMap<>();
		physicians.forEach((number, origin) -> {
			Optional<UserView> user = users.findByPhysicianNumber(number).flatMap(users::find);
			entries.add(implicit(SubjectType.USER, user.map(u -> u.id().value()).orElse(null),
					user.map(UserView::displayName).orElse(number), GrantScope.IMAGES_REPORT_READ, true, origin, study));
			user.flatMap(u -> directory.actorOf(u.id()))
				.ifPresent(physician -> physician.memberships()
					.stream()
					.filter(m -> m.kind() == GroupKind.PRACTICE)
					.forEach(m -> groups.find(m.groupId())
						.filter(GroupView::membersShareStudies)
						.ifPresent(g -> practices.putIfAbsent(g.id().value(), g))));
		});
		practices.values()
			.forEach(group -> entries.add(implicit(SubjectType.GROUP, group.id().value(), group.name(),
					GrantScope.IMAGES_REPORT_READ, false, GrantOrigin.GROUP_PRACTICE.name(), study)));
		return entries;
	}

	private static AccessEntry implicit(SubjectType type, UUID id, String name, GrantScope scope, boolean mayShare,
			String origin, Study study) {
		return new AccessEntry(null, type, id, name, scope, mayShare, false, null, null, study.registeredAt(), null,
				origin, false, Grant.State.ACTIVE);
	}

	private AccessEntry entry(Grant g, Instant now) {
		return new AccessEntry(g.id(), g.subjectType(), g.subjectId(), subjectName(g.subjectType(), g.subjectId()),
				g.scope(), g.mayShare(), g.mayTransfer(), g.validFrom(), g.validUntil(), g.grantedAt(),
				g.grantedByName(), g.origin().name(), g.withdrawnAt() == null, g.stateAt(now));
	}

	private String subjectName(SubjectType type, UUID id) {
		return switch (type) {
			case USER -> users.find(new UserId(id)).map(UserView::displayName).orElse("?");
			case GROUP -> groups.find(new GroupId(id)).map(GroupView::name).orElse("?");
		};
	}

	void requireSubject(SubjectType type, UUID id) {
		boolean exists = switch (type) {
			case USER -> users.find(new UserId(id)).isPresent();
			case GROUP -> groups.find(new GroupId(id)).isPresent();
		};
		if (!exists) {
			throw new InvalidInputException("subjectId", "no such " + type.name().toLowerCase());
		}
	}

	/**
	 * The details of a group named in the study's Users section (members with the primary contact
	 * first and admins marked, address and contact), for those who manage access to the study.
	 */
	@Transactional(readOnly = true)
	public GroupView group(Actor actor, StudyId studyId, GroupId groupId) {
		Study study = access.require(actor, studyId, Action.MANAGE_ACCESS).study();
		boolean named = entries(study).stream()
			.anyMatch(e -> e.subjectType() == SubjectType.GROUP && groupId.value().equals(e.subjectId()));
		if (!named) {
			throw new NotFoundException("group");
		}
		return groups.find(groupId).orElseThrow(() -> new NotFoundException("group"));
	}

	/**
	 * For each action, whether the user may take it on the study now and every way in that permits
	 * it, or why not. Published for the log.
	 */
	@Transactional
	public Explanation explain(Actor actor, StudyId studyId, UserId userId) {
		Study study = access.require(actor, studyId, Action.MANAGE_ACCESS).study();
		UserView user = users.find(userId).orElseThrow(() -> new NotFoundException("user"));
		Optional<Actor> subject = directory.actorOf(userId);
		Instant now = clock.instant();
		ZoneId zone = zone(study);
		List<Grant> grants = subject.isEmpty() ? List.of()
				: store.ofStudy(studyId).stream().filter(g -> concerns(g, subject.get())).toList();
		List<Explanation.ActionExplanation> actions = new ArrayList<>();
		for (Action action : Action.values()) {
			List<String> ways = new ArrayList<>();
			String denied = null;
			if (subject.isEmpty()) {
				denied = "the user is locked";
			}
			else {
				for (Decision.Permitted permitted : access.allPermitting(subject.get(), study, action)) {
					if (permitted.path() == PathName.GRANT_USER || permitted.path() == PathName.GRANT_GROUP) {
						continue;
					}
					ways.add(permitted.path().name() + ": " + permitted.basis());
				}
				if (!study.cancelled()) {
					grants.stream()
						.filter(g -> g.inForceAt(now) && g.allows(action))
						.forEach(g -> ways.add(describe(g, zone)));
				}
				if (ways.isEmpty()) {
					Decision decision = access.decide(subject.get(), study, action);
					denied = decision instanceof Decision.Denied d ? d.reason() : null;
				}
			}
			List<String> notInForce = grants.stream()
				.filter(g -> !g.inForceAt(now) && g.allows(action))
				.map(g -> describe(g, zone) + " — " + g.stateAt(now).name().toLowerCase().replace('_', ' '))
				.toList();
			actions.add(new Explanation.ActionExplanation(action, !ways.isEmpty(), ways, denied, notInForce));
		}
		events.publishEvent(new AccessExplained(now, actor.asAuditActor(), studyId.value(), userId.value()));
		return new Explanation(userId, user.displayName(), actions);
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
				? PathName.GRANT_GROUP.name() + ": via group " + subjectName(SubjectType.GROUP, g.subjectId())
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
