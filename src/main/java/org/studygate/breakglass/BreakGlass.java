package org.studygate.breakglass;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.studygate.ConflictException;
import org.studygate.InvalidInputException;
import org.studygate.NotFoundException;
import org.studygate.access.AccessControl;
import org.studygate.access.Action;
import org.studygate.access.Authorized;
import org.studygate.department.BreakGlassPolicy;
import org.studygate.department.Department;
import org.studygate.department.DepartmentId;
import org.studygate.department.Departments;
import org.studygate.directory.Actor;
import org.studygate.directory.GroupKind;
import org.studygate.study.Studies;
import org.studygate.study.Study;
import org.studygate.study.StudyId;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Break-the-glass (docs/product/02-domain.md, 05-workflows.md; decision 012). A staff
 * user without access names a patient's exact ID and birth date; only the patient's
 * studies whose department's policy lets him unlock come back, and anything else (unknown
 * patient, wrong birth date, disabled policy, cancelled study) answers exactly like an
 * unknown patient. He then unlocks one of them for a purpose of use and a reason of the
 * department's minimum length; the unlock opens it at once for the department's duration.
 * The department's source admins (or the service desk) review or revoke it.
 */
@Service
public class BreakGlass {

	/** The longest reason, comment or patient ID accepted. */
	static final int MAX_TEXT = 2000;

	private final UnlockStore store;

	private final Studies studies;

	private final Departments departments;

	private final AccessControl access;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final UnlockRule rule;

	private final EmergencySearch emergencySearch;

	BreakGlass(UnlockStore store, Studies studies, Departments departments, AccessControl access,
			ApplicationEventPublisher events, Clock clock, UnlockRule rule, EmergencySearch emergencySearch) {
		this.rule = rule;
		this.emergencySearch = emergencySearch;
		this.store = store;
		this.studies = studies;
		this.departments = departments;
		this.access = access;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * {@link #search(Actor, String, LocalDate, String)} without a client address (demo
	 * data, tests).
	 */
	public List<Candidate> search(Actor actor, String patientId, LocalDate birthDate) {
		return search(actor, patientId, birthDate, null);
	}

	/**
	 * The studies of the patient with exactly this ID and birth date that the actor may
	 * unlock, each remembered as matched for an hour (so that he may unlock it, and so
	 * that a refused request for it may say that he could). Empty alike for an unknown
	 * patient, a wrong birth date, a department that does not allow it, a cancelled study
	 * or a study he can already open. Logged either way; a search that offers nothing is
	 * a miss, logged on each study of that patient ID too, and counted against the user
	 * and the client address (decision 034).
	 * @param client the client's address, for the per-address limit
	 * @throws SearchThrottledException when the user or the address searched too often
	 * without a match
	 */
	public List<Candidate> search(Actor actor, String patientId, LocalDate birthDate, String client) {
		return emergencySearch.search(actor, patientId, birthDate, client);
	}

	/**
	 * A study the actor matched and may unlock now, for the unlock form.
	 * @throws NotFoundException otherwise, as for an unknown study
	 */
	public Candidate offer(Actor actor, StudyId studyId) {
		Eligible eligible = eligible(actor, studyId, clock.instant());
		Study study = eligible.study();
		BreakGlassPolicy policy = eligible.department().settings().breakGlass();
		return new Candidate(study.id(), study.patient().displayName(), study.patient().patientId(),
				study.patient().birthDate(), study.studyDate(), study.modality(), study.description(),
				eligible.department().name(), policy.durationHours(), policy.minimumReasonLength());
	}

	/**
	 * Unlocks a study the actor matched, at once, for the department's duration. A study
	 * he may not unlock is not found (and the refusal logged with its real reason); a
	 * purpose or a reason that is not acceptable is invalid input; a study he can already
	 * open is a conflict.
	 */
	@Transactional
	public Unlock unlock(Actor actor, StudyId studyId, String purpose, String reason) {
		// PostgreSQL keeps microseconds: the answer names the instant as stored
		Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
		Eligible eligible = eligible(actor, studyId, now);
		PurposeOfUse purposeOfUse = PurposeOfUse.parse(purpose);
		BreakGlassPolicy policy = eligible.department().settings().breakGlass();
		String text = reason == null ? "" : reason.strip();
		if (text.codePointCount(0, text.length()) < policy.minimumReasonLength()) {
			throw new InvalidInputException("reason",
					"must have at least " + policy.minimumReasonLength() + " characters");
		}
		if (text.length() > MAX_TEXT) {
			throw new InvalidInputException("reason", "must have at most " + MAX_TEXT + " characters");
		}
		if (store.inForce(actor.userId().value(), studyId, now).isPresent()) {
			throw new ConflictException("you have unlocked this study already");
		}
		Unlock unlock = new Unlock(UnlockId.random(), studyId, new DepartmentId(eligible.study().departmentId()),
				actor.userId(), actor.name(), eligible.kind(), purposeOfUse, text, now,
				now.plus(Duration.ofHours(policy.durationHours())), null, null, null, null, null, null, null);
		store.insert(unlock);
		events.publishEvent(new StudyUnlocked(now, actor.asAuditActor(), unlock.id().value(), studyId.value(),
				unlock.departmentId().value(), unlock.kind(), purposeOfUse, text, unlock.expiresAt()));
		return unlock;
	}

	/**
	 * Records a source admin's review of an unlock. Only those who manage access to the
	 * study (its department's source admins and the service desk) may; for anyone else
	 * the unlock is not found (or refused), and the attempt is logged.
	 */
	@Transactional
	public Unlock review(Actor actor, UnlockId unlockId, String verdict, String comment) {
		Unlock unlock = manageable(actor, unlockId);
		Verdict finding = Verdict.parse(verdict);
		String text = comment == null ? "" : comment.strip();
		if (text.isEmpty() || text.length() > MAX_TEXT) {
			throw new InvalidInputException("comment", "is required, at most " + MAX_TEXT + " characters");
		}
		if (unlock.reviewed()) {
			throw new ConflictException("this unlock has been reviewed already");
		}
		Instant now = clock.instant();
		store.review(unlock.id(), actor.userId() == null ? null : actor.userId().value(), actor.name(), finding, text,
				now);
		events.publishEvent(new UnlockReviewed(now, actor.asAuditActor(), unlock.id().value(), unlock.studyId().value(),
				unlock.userName(), finding, text));
		return store.find(unlock.id()).orElseThrow();
	}

	/**
	 * Ends an unlock early; the user's next request no longer passes through it. Only
	 * those who manage access to the study may; an unlock that has already ended is a
	 * conflict.
	 */
	@Transactional
	public Unlock revoke(Actor actor, UnlockId unlockId, String comment) {
		Unlock unlock = manageable(actor, unlockId);
		String text = comment == null || comment.isBlank() ? null : comment.strip();
		if (text != null && text.length() > MAX_TEXT) {
			throw new InvalidInputException("comment", "must have at most " + MAX_TEXT + " characters");
		}
		Instant now = clock.instant();
		if (!store.revoke(unlock.id(), actor.userId() == null ? null : actor.userId().value(), actor.name(), text,
				now)) {
			throw new ConflictException("this unlock has ended already");
		}
		events.publishEvent(new UnlockRevoked(now, actor.asAuditActor(), unlock.id().value(), unlock.studyId().value(),
				unlock.userName(), unlock.purpose(), unlock.reason(), text));
		return store.find(unlock.id()).orElseThrow();
	}

	/** The unlocks of a study for its Access tab, to whom MANAGE_ACCESS was decided. */
	public List<UnlockView> ofStudy(Authorized authorized) {
		return ofStudy(authorized.study(Action.MANAGE_ACCESS).id());
	}

	List<UnlockView> ofStudy(StudyId study) {
		Instant now = clock.instant();
		return store.ofStudy(study).stream().map(u -> UnlockView.of(u, now)).toList();
	}

	/**
	 * An unlock as its reviewer sees it now, after {@link #review} or {@link #revoke}.
	 */
	public UnlockView view(Unlock unlock) {
		return UnlockView.of(unlock, clock.instant());
	}

	/**
	 * One row of the "Unlocks to review" list: the unlock, its study and the department's
	 * zone.
	 */
	public record ReviewItem(UnlockView unlock, Study study, String departmentName, ZoneId zone) {

	}

	/**
	 * The unlocks of the departments the actor administers (every department for the
	 * service desk), those waiting for review first.
	 * @throws AccessDeniedException when the actor administers no department
	 */
	public List<ReviewItem> toReview(Actor actor, boolean onlyUnreviewed) {
		Collection<UUID> administered = actor.serviceDesk() ? null : actor.sourceDepartments(GroupKind.SOURCE_ADMINS);
		if (administered != null && administered.isEmpty()) {
			throw new AccessDeniedException("administers no department");
		}
		Instant now = clock.instant();
		Map<DepartmentId, Optional<Department>> known = new HashMap<>();
		List<ReviewItem> items = new ArrayList<>();
		for (Unlock unlock : store.ofDepartments(administered, onlyUnreviewed, 200)) {
			Optional<Department> department = known.computeIfAbsent(unlock.departmentId(), departments::find);
			Optional<Study> study = studies.find(unlock.studyId());
			if (department.isPresent() && study.isPresent()) {
				items.add(new ReviewItem(UnlockView.of(unlock, now), study.get(), department.get().name(),
						department.get().timeZone()));
			}
		}
		return items;
	}

	/**
	 * Until when the actor's unlocks open each of these studies, in the sending
	 * department's zone; a study without an unlock in force is absent.
	 */
	public Map<StudyId, ZonedDateTime> unlockedUntil(Actor actor, Collection<StudyId> studyIds) {
		if (!actor.isUser() || studyIds.isEmpty()) {
			return Map.of();
		}
		Map<StudyId, ZonedDateTime> until = new HashMap<>();
		Map<DepartmentId, ZoneId> zones = new HashMap<>();
		for (Unlock unlock : store.inForceFor(actor.userId().value(), studyIds, clock.instant())) {
			ZoneId zone = zones.computeIfAbsent(unlock.departmentId(),
					d -> departments.find(d).map(Department::timeZone).orElse(ZoneId.of("UTC")));
			until.putIfAbsent(unlock.studyId(), unlock.expiresAt().atZone(zone));
		}
		return until;
	}

	/**
	 * Whether the actor, refused this study, could break the glass for it now: he gave
	 * its patient's ID and birth date within the hour and may still unlock it. Never true
	 * for anybody else, so a refusal says nothing more than before to those who did not
	 * already know the patient. Also true for an entitled user of a restricted study he
	 * has not unlocked (decision 060).
	 */
	public boolean couldUnlock(Actor actor, StudyId studyId) {
		if (!actor.isUser()) {
			return false;
		}
		Instant now = clock.instant();
		Optional<Study> study = studies.find(studyId);
		if (study.isEmpty() || store.inForce(actor.userId().value(), studyId, now).isPresent()) {
			return false;
		}
		if (rule.unlocksRestricted(actor, study.get())) {
			return true;
		}
		Optional<Department> department = departments.find(study.get().departmentId());
		return store.hasMatched(actor.userId().value(), studyId, now) && department.isPresent()
				&& rule.refusal(actor, study.get(), department.get()) == null;
	}

	private record Eligible(Study study, Department department, Unlock.Kind kind) {

	}

	private Eligible eligible(Actor actor, StudyId studyId, Instant now) {
		Optional<Study> study = studies.find(studyId);
		String refusal;
		Department department = null;
		if (!actor.isUser()) {
			refusal = "only staff users may break the glass";
		}
		else if (study.isEmpty()) {
			refusal = "no such study";
		}
		else {
			department = departments.find(study.get().departmentId()).orElse(null);
			boolean restricted = department != null && rule.unlocksRestricted(actor, study.get());
			refusal = department == null ? "no such department"
					: restricted ? null : rule.refusal(actor, study.get(), department);
			if (refusal == null && !restricted && !store.hasMatched(actor.userId().value(), studyId, now)) {
				refusal = "the patient's ID and birth date were not given for this study within the hour";
			}
		}
		if (UnlockRule.ALREADY_OPEN.equals(refusal)) {
			throw new ConflictException("you can open this study already");
		}
		if (refusal != null) {
			events.publishEvent(
					new UnlockRefused(now, actor.asAuditActor(), study.map(s -> s.id().value()).orElse(null), refusal));
			throw new NotFoundException("study");
		}
		return new Eligible(study.get(), department,
				rule.unlocksRestricted(actor, study.get()) ? Unlock.Kind.RESTRICTED : Unlock.Kind.EMERGENCY);
	}

	private Unlock manageable(Actor actor, UnlockId unlockId) {
		Optional<Unlock> unlock = Optional.ofNullable(unlockId).flatMap(store::find);
		if (unlock.isEmpty()) {
			events.publishEvent(new UnlockRefused(clock.instant(), actor.asAuditActor(), null,
					"review or revocation of an unknown unlock " + String.valueOf(unlockId)));
			throw new NotFoundException("unlock");
		}
		access.require(actor, unlock.get().studyId(), Action.MANAGE_ACCESS);
		return unlock.get();
	}

}
