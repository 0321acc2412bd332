package org.studygate.breakglass;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.studygate.InvalidInputException;
import org.studygate.department.BreakGlassPolicy;
import org.studygate.department.Department;
import org.studygate.department.Departments;
import org.studygate.directory.Actor;
import org.studygate.study.Studies;
import org.studygate.study.Study;
import org.studygate.study.StudyCondition;
import org.studygate.study.StudyFilter;
import org.studygate.study.StudySummary;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The emergency-access search behind {@link BreakGlass#search}: exact patient ID and
 * birth date, the studies the user may unlock remembered as matched, every miss logged on
 * the studies of that patient ID and counted by the {@link SearchWatch} (decisions 012,
 * 034).
 */
@Component
class EmergencySearch {

	private final UnlockStore store;

	private final Studies studies;

	private final Departments departments;

	private final UnlockRule rule;

	private final SearchWatch watch;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	EmergencySearch(UnlockStore store, Studies studies, Departments departments, UnlockRule rule, SearchWatch watch,
			ApplicationEventPublisher events, Clock clock) {
		this.store = store;
		this.studies = studies;
		this.departments = departments;
		this.rule = rule;
		this.watch = watch;
		this.events = events;
		this.clock = clock;
	}

	@Transactional
	List<Candidate> search(Actor actor, String patientId, LocalDate birthDate, String client) {
		String id = patientId == null ? "" : patientId.strip();
		if (id.isEmpty() || id.length() > 100) {
			throw new InvalidInputException("patientId", "is required, at most 100 characters");
		}
		if (birthDate == null) {
			throw new InvalidInputException("birthDate", "is required (YYYY-MM-DD)");
		}
		Instant now = clock.instant();
		List<Candidate> candidates = new ArrayList<>();
		if (actor.isUser()) {
			watch.admit(actor, id, now, client);
			Set<UUID> probed = new LinkedHashSet<>();
			for (StudySummary row : studies.search(new StudyFilter(id, null, null, null, null, null),
					StudyCondition.notCancelled(), null, Studies.MAX_PAGE)) {
				if (id.equals(row.patientId())) {
					probed.add(row.departmentId());
					match(actor, row, birthDate, now).ifPresent(candidates::add);
				}
			}
			if (candidates.isEmpty()) {
				watch.missed(actor, id, probed, now, client);
			}
		}
		events.publishEvent(new EmergencyAccessSearched(now, actor.asAuditActor(), id, candidates.size()));
		return candidates;
	}

	/**
	 * The study as a candidate when the birth date is right and he may unlock it; a miss
	 * is logged on the study.
	 */
	private Optional<Candidate> match(Actor actor, StudySummary row, LocalDate birthDate, Instant now) {
		Optional<Study> study = studies.find(row.id());
		Optional<Department> department = departments.find(row.departmentId());
		String refusal = !birthDate.equals(row.patientBirthDate()) ? "the birth date does not match"
				: study.isEmpty() || department.isEmpty() ? "no such study"
						: rule.refusal(actor, study.get(), department.get());
		if (refusal != null) {
			if (!UnlockRule.ALREADY_OPEN.equals(refusal)) {
				events.publishEvent(new EmergencyAccessMissed(now, actor.asAuditActor(), row.id().value(),
						row.patientId(), refusal));
			}
			return Optional.empty();
		}
		BreakGlassPolicy policy = department.get().settings().breakGlass();
		store.matched(actor.userId().value(), row.id(), now);
		return Optional.of(new Candidate(row.id(), row.patientDisplayName(), row.patientId(), row.patientBirthDate(),
				row.studyDate(), row.modality(), row.description(), department.get().name(), policy.durationHours(),
				policy.minimumReasonLength()));
	}

}
