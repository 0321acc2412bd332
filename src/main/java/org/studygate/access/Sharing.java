package org.studygate.access;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.studygate.InvalidInputException;
import org.studygate.department.Department;
import org.studygate.department.Departments;
import org.studygate.directory.Actor;
import org.studygate.directory.GroupId;
import org.studygate.directory.GroupKind;
import org.studygate.directory.GroupView;
import org.studygate.directory.Groups;
import org.studygate.directory.UserId;
import org.studygate.directory.Users;
import org.studygate.study.Study;
import org.studygate.study.StudyId;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sharing studies with colleagues (docs/product/05-workflows.md): each study becomes a
 * grant of origin SHARE to each recipient, merged with what the recipient already holds.
 *
 * <p>
 * Rules: the sharer needs SHARE on every study (source users and admins, the requester
 * and copied physicians, or a grant with may-share), and each gift passes the one rule
 * for giving ({@link Giving}, decision 030): the report, may-share and download only by
 * who has them, nobody to himself, never beyond the sharer's own access unless he is
 * source staff. All studies come from one department; at most three recipients; the end
 * lies between today and the department's maximum (its default when none is given, cut to
 * the sharer's own end). Everything is checked before anything is stored, so a refused
 * share changes nothing.
 */
@Service
public class Sharing {

	private final AccessControl access;

	private final Grants grants;

	private final Users users;

	private final Groups groups;

	private final Departments departments;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final Giving giving;

	Sharing(AccessControl access, Grants grants, Users users, Groups groups, Departments departments,
			ApplicationEventPublisher events, Clock clock, Giving giving) {
		this.giving = giving;
		this.access = access;
		this.grants = grants;
		this.users = users;
		this.groups = groups;
		this.departments = departments;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * What a share stored: one grant per study and recipient, ending at
	 * {@code validUntil}.
	 */
	public record Shared(List<Grant> grants, Instant validUntil) {

	}

	@Transactional
	public Shared share(Actor actor, ShareRequest request) {
		List<Study> studies = new ArrayList<>();
		Set<UUID> departmentIds = new HashSet<>();
		for (StudyId id : request.studyIds()) {
			Study study = access.require(actor, id, Action.SHARE).study();
			studies.add(study);
			departmentIds.add(study.departmentId());
		}
		if (departmentIds.size() > 1) {
			throw new InvalidInputException("studyIds", "all studies of a share must come from one department");
		}
		Department department = departments.find(departmentIds.iterator().next())
			.orElseThrow(() -> new InvalidInputException("studyIds", "unknown department"));
		Instant validUntil = validUntil(department, request.validUntil());
		List<ShareNotificationQueued.Recipient> subjects = new ArrayList<>();
		for (ShareRequest.Recipient recipient : request.recipients()) {
			subjects.add(resolve(recipient));
		}
		if (request.validUntil() == null) {
			validUntil = cutToOwnEnd(actor, studies, request, validUntil);
		}
		List<Gift> gifts = new ArrayList<>();
		for (ShareNotificationQueued.Recipient subject : subjects) {
			gifts.add(gift(request, validUntil, subject));
		}
		for (Study study : studies) {
			giving.require(actor, study, Giving.Via.SHARE, gifts);
		}
		List<Grant> stored = new ArrayList<>();
		Instant now = clock.instant();
		for (Study study : studies) {
			for (ShareNotificationQueued.Recipient subject : subjects.stream().distinct().toList()) {
				stored.add(grants.record(actor, study.id(), new NewGrant(subject.type(), subject.id(), request.scope(),
						request.mayShare(), request.mayTransfer(), null, validUntil, GrantOrigin.SHARE)));
			}
			events.publishEvent(new StudyShared(now, actor.asAuditActor(), study.id().value(),
					subjects.stream().map(s -> s.type() + ":" + s.id()).toList(), request.scope(), request.mayShare(),
					validUntil, request.notifyRecipients()));
		}
		if (request.notifyRecipients()) {
			events.publishEvent(new ShareNotificationQueued(now, actor.asAuditActor(),
					studies.stream().map(s -> s.id().value()).toList(), subjects, request.message()));
		}
		return new Shared(stored, validUntil);
	}

	private static Gift gift(ShareRequest request, Instant validUntil, ShareNotificationQueued.Recipient subject) {
		return new Gift(request.scope(), request.mayShare(), request.mayTransfer(), validUntil,
				new Gift.Recipient(subject.type(), subject.id()));
	}

	/**
	 * The department's default end, cut to the end of the sharer's own access to what he
	 * gives.
	 */
	private Instant cutToOwnEnd(Actor actor, List<Study> studies, ShareRequest request, Instant validUntil) {
		Instant end = validUntil;
		for (Study study : studies) {
			Optional<Instant> own = giving.latestEnd(actor, study, new Gift(request.scope(), request.mayShare(),
					request.mayTransfer(), validUntil, Gift.Recipient.CODE_HOLDER));
			if (own.isPresent() && own.get().isBefore(end)) {
				end = own.get();
			}
		}
		return end;
	}

	/**
	 * The last day a share of the studies by the actor may have, as the dialog offers it:
	 * the department's maximum, or the day before his own access to the images ends if
	 * that is earlier.
	 */
	private LocalDate maximumValidUntil(Actor actor, List<Study> studies, Department department) {
		LocalDate maximum = maximumValidUntil(department);
		for (Study study : studies) {
			Optional<Instant> own = giving.latestEnd(actor, study, Gift.toCodeHolder(GrantScope.IMAGES, null));
			if (own.isPresent()) {
				LocalDate last = LocalDate.ofInstant(own.get(), department.timeZone()).minusDays(1);
				maximum = last.isBefore(maximum) ? last : maximum;
			}
		}
		return maximum;
	}

	/**
	 * What the share dialog shows for the chosen studies: they must all be shareable by
	 * the actor and come from one department, whose default and maximum end the dialog
	 * offers.
	 */
	public record Draft(List<Study> studies, Department department, LocalDate defaultValidUntil,
			LocalDate maximumValidUntil) {

	}

	@Transactional(readOnly = true)
	public Draft draft(Actor actor, List<StudyId> studyIds) {
		if (studyIds == null || studyIds.isEmpty()) {
			throw new InvalidInputException("studyIds", "choose at least one study");
		}
		List<Study> studies = new ArrayList<>();
		for (StudyId id : studyIds.stream().distinct().limit(ShareRequest.MAX_STUDIES).toList()) {
			studies.add(access.require(actor, id, Action.SHARE).study());
		}
		if (studies.stream().map(Study::departmentId).distinct().count() > 1) {
			throw new InvalidInputException("studyIds", "all studies of a share must come from one department");
		}
		Department department = departments.find(studies.get(0).departmentId())
			.orElseThrow(() -> new InvalidInputException("studyIds", "unknown department"));
		LocalDate maximum = maximumValidUntil(actor, studies, department);
		LocalDate byDefault = defaultValidUntil(department);
		return new Draft(studies, department, byDefault.isAfter(maximum) ? maximum : byDefault, maximum);
	}

	/** The default last day of a share of the department's studies, from today. */
	public LocalDate defaultValidUntil(Department department) {
		return today(department).plusDays(department.settings().shareValidityDefaultDays());
	}

	/** The latest last day the department allows for a share made today. */
	public LocalDate maximumValidUntil(Department department) {
		return today(department).plusDays(department.settings().shareValidityMaximumDays());
	}

	private LocalDate today(Department department) {
		return LocalDate.ofInstant(clock.instant(), department.timeZone());
	}

	private Instant validUntil(Department department, LocalDate lastDay) {
		LocalDate day = lastDay == null ? defaultValidUntil(department) : lastDay;
		if (day.isBefore(today(department))) {
			throw new InvalidInputException("validUntil", "must not lie in the past");
		}
		if (day.isAfter(maximumValidUntil(department))) {
			throw new InvalidInputException("validUntil",
					"must be at most " + department.settings().shareValidityMaximumDays() + " days from today");
		}
		return day.plusDays(1).atStartOfDay(department.timeZone()).toInstant();
	}

	private ShareNotificationQueued.Recipient resolve(ShareRequest.Recipient recipient) {
		return switch (recipient.type()) {
			case USER -> users.find(new UserId(recipient.id()))
				.map(u -> new ShareNotificationQueued.Recipient(SubjectType.USER, u.id().value()))
				.orElseThrow(() -> new InvalidInputException("recipients", "unknown user"));
			case GROUP -> groups.find(new GroupId(recipient.id()))
				.filter(g -> g.kind() == GroupKind.PRACTICE || g.kind() == GroupKind.MEDICAL_DEPARTMENT)
				.map(g -> new ShareNotificationQueued.Recipient(SubjectType.GROUP, g.id().value()))
				.orElseThrow(() -> new InvalidInputException("recipients", "unknown group"));
			case DEPARTMENT -> departments.find(recipient.id())
				.flatMap(d -> groups.sourceGroup(d.id().value(), GroupKind.SOURCE_USERS))
				.map(g -> new ShareNotificationQueued.Recipient(SubjectType.GROUP, g.value()))
				.orElseThrow(() -> new InvalidInputException("recipients", "unknown department"));
		};
	}

	/** A person, group or department the picker offers. */
	public record Candidate(ShareRequest.RecipientType type, UUID id, String name, String detail) {

	}

	/** A chosen recipient by name, for the dialog; unknown ones are refused. */
	@Transactional(readOnly = true)
	public Candidate describe(ShareRequest.RecipientType type, UUID id) {
		return switch (type) {
			case USER -> users.find(new UserId(id))
				.map(u -> new Candidate(type, id, u.displayName(), String.join(", ", u.physicianNumbers())))
				.orElseThrow(() -> new InvalidInputException("recipients", "unknown user"));
			case GROUP -> groups.find(new GroupId(id))
				.map(g -> new Candidate(type, id, g.name(), g.kind().name()))
				.orElseThrow(() -> new InvalidInputException("recipients", "unknown group"));
			case DEPARTMENT -> departments.find(id)
				.map(d -> new Candidate(type, id, d.name(), d.code().value()))
				.orElseThrow(() -> new InvalidInputException("recipients", "unknown department"));
		};
	}

	/**
	 * Users matching the text, as {@link #candidates} finds them, without groups and
	 * departments.
	 */
	@Transactional(readOnly = true)
	public List<Candidate> users(Actor actor, String text, int limit) {
		if (!actor.isUser() || text == null || text.strip().length() < 2) {
			return List.of();
		}
		return users.searchRecipients(text.strip(), limit)
			.stream()
			.map(u -> new Candidate(ShareRequest.RecipientType.USER, u.id().value(), u.displayName(),
					String.join(", ", u.physicianNumbers())))
			.toList();
	}

	/**
	 * Recipients matching the text: users by name, physician number and, only where they
	 * made their contact data public, e-mail and mobile; practices and medical
	 * departments by name; departments by name or code. At most {@code limit} of each
	 * kind.
	 */
	@Transactional(readOnly = true)
	public List<Candidate> candidates(Actor actor, String text, int limit) {
		if (!actor.isUser() || text == null || text.strip().length() < 2) {
			return List.of();
		}
		String query = text.strip();
		List<Candidate> found = new ArrayList<>(users(actor, query, limit));
		for (GroupView group : groups.search(query, Set.of(GroupKind.PRACTICE, GroupKind.MEDICAL_DEPARTMENT), limit)) {
			found.add(new Candidate(ShareRequest.RecipientType.GROUP, group.id().value(), group.name(),
					group.kind().name()));
		}
		String lower = query.toLowerCase();
		departments.all()
			.stream()
			.filter(d -> d.name().toLowerCase().contains(lower) || d.code().value().toLowerCase().contains(lower))
			.limit(limit)
			.forEach(d -> found
				.add(new Candidate(ShareRequest.RecipientType.DEPARTMENT, d.id().value(), d.name(), d.code().value())));
		return found;
	}

}
