package org.studygate.archive;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.studygate.ConflictException;
import org.studygate.NotFoundException;
import org.studygate.department.ArchiveMatching;
import org.studygate.department.Department;
import org.studygate.department.Departments;
import org.studygate.directory.Actor;
import org.studygate.study.StudyId;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The unmatched-studies desk (decision 049): every study of the archive that is not
 * registered, for the service desk, who assigns it to a department; and, for a
 * department's admins, those that arrived with their AE titles but failed for another
 * reason. Nothing of the archive is dropped silently: a study is registered or listed
 * here.
 */
@Service
public class UnmatchedStudies {

	/** At most this many rows are listed (the oldest beyond are counted, not shown). */
	public static final int PAGE = 500;

	private final ArchiveStore store;

	private final ArchiveIngestion ingestion;

	private final Departments departments;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	UnmatchedStudies(ArchiveStore store, ArchiveIngestion ingestion, Departments departments,
			ApplicationEventPublisher events, Clock clock) {
		this.store = store;
		this.ingestion = ingestion;
		this.departments = departments;
		this.events = events;
		this.clock = clock;
	}

	/** How many studies of the archive are not registered. */
	public int count() {
		return store.unmatchedCount();
	}

	/**
	 * The studies the actor may see on the desk: all for the service desk; for a source
	 * admin those sent with an AE title of a department he administers.
	 */
	public List<UnmatchedStudy> list(Actor actor) {
		if (actor.serviceDesk()) {
			return store.unmatched(PAGE);
		}
		Set<String> titles = departments.all()
			.stream()
			.filter(d -> actor.isSourceAdminOf(d.id().value()))
			.flatMap(d -> d.settings().archive().aeTitles().stream())
			.map(DepartmentMatcher::normalized)
			.collect(Collectors.toSet());
		if (departments.all().stream().noneMatch(d -> actor.isSourceAdminOf(d.id().value()))) {
			throw new AccessDeniedException("neither the service desk nor a department's admin");
		}
		return store.unmatched(PAGE)
			.stream()
			.filter(row -> titles.contains(DepartmentMatcher.normalized(row.remoteAet())))
			.toList();
	}

	/**
	 * Registers an unmatched study for a department at once, optionally adding its AE
	 * title or institution name to the department's matching so that the next ones match
	 * by themselves; the service desk only, logged (a refusal too).
	 */
	@Transactional
	public StudyId assign(Actor actor, String studyInstanceUid, String departmentCode, boolean addAeTitle,
			boolean addInstitution) {
		if (!actor.serviceDesk()) {
			events.publishEvent(new UnmatchedStudyAssigned(clock.instant(), actor.asAuditActor(), null,
					studyInstanceUid, departmentCode, "", "not the service desk"));
			throw new AccessDeniedException("only the service desk assigns studies");
		}
		UnmatchedStudy row = store.unmatchedStudy(studyInstanceUid)
			.orElseThrow(() -> new NotFoundException("unmatched study"));
		Department department = departments.get(actor, departmentCode);
		List<String> added = new ArrayList<>();
		ArchiveMatching matching = department.settings().archive();
		List<String> titles = new ArrayList<>(matching.aeTitles());
		List<String> institutions = new ArrayList<>(matching.institutionNames());
		if (addAeTitle && row.remoteAet() != null && !row.remoteAet().isBlank()
				&& !titles.contains(row.remoteAet().strip())) {
			titles.add(row.remoteAet().strip());
			added.add("AE title");
		}
		if (addInstitution && row.institutionName() != null && !row.institutionName().isBlank()
				&& !institutions.contains(row.institutionName().strip())) {
			institutions.add(row.institutionName().strip());
			added.add("institution");
		}
		if (!added.isEmpty()) {
			departments.changeSettings(actor, department.code().value(),
					settings -> settings.withArchive(new ArchiveMatching(titles, institutions)));
		}
		StudyId id = ingestion.assign(row.archiveId(), department)
			.orElseThrow(() -> new ConflictException("the archive no longer has this study"));
		events.publishEvent(new UnmatchedStudyAssigned(clock.instant(), actor.asAuditActor(), id.value(),
				studyInstanceUid, department.code().value(), String.join(", ", added), null));
		return id;
	}

}
