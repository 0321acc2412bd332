package org.studygate.study;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.studygate.InvalidInputException;
import org.studygate.department.Department;
import org.studygate.department.DepartmentCode;
import org.studygate.department.Departments;

import org.springframework.stereotype.Service;

/**
 * Reading the study registry: a study by its id or Study Instance UID, and the lists. No
 * access decision is made here; the access module gives the condition a list must
 * satisfy. Studies are registered through {@link Registrations}.
 */
@Service
public class Studies {

	/**
	 * The most rows one list answer holds (docs/product/05-workflows.md: 100 with a
	 * prompt to filter).
	 */
	public static final int MAX_PAGE = 100;

	private final StudyStore store;

	private final StudyListStore lists;

	private final Departments departments;

	Studies(StudyStore store, StudyListStore lists, Departments departments) {
		this.store = store;
		this.lists = lists;
		this.departments = departments;
	}

	public Optional<StudyId> findIdByUid(String studyInstanceUid) {
		return store.findIdByUid(studyInstanceUid);
	}

	/**
	 * The study with the Study Instance UID, with its patient, order and physicians; no
	 * access decision is made here.
	 */
	public Optional<Study> findByUid(String studyInstanceUid) {
		return store.findByUid(studyInstanceUid);
	}

	/**
	 * {@link #findByUid(String)} with another module's columns about the study read in
	 * the same query (docs/decisions/076-gateway-in-two-queries.md).
	 */
	public <T> Optional<StudyColumns.With<T>> findByUid(String studyInstanceUid, StudyColumns<T> columns) {
		return store.findByUid(studyInstanceUid, columns);
	}

	/**
	 * The study with its patient, order and physicians; no access decision is made here.
	 */
	public Optional<Study> find(StudyId id) {
		return store.find(id);
	}

	/**
	 * {@link #find(StudyId)} with another module's columns about the study read in the
	 * same query (docs/decisions/079-access-tab-reads-once.md).
	 */
	public <T> Optional<StudyColumns.With<T>> find(StudyId id, StudyColumns<T> columns) {
		return store.find(id, columns);
	}

	/**
	 * The studies that satisfy another module's condition, in the order of their ids,
	 * each with its patient, order and physicians, in one query; no access decision is
	 * made here.
	 */
	public List<Study> find(StudyCondition condition) {
		return condition.isNever() ? List.of() : store.find(condition);
	}

	/**
	 * One page of the studies that satisfy both the filter and the visibility condition,
	 * newest first, in one SQL query.
	 * @param after where the previous page ended, {@code null} for the first page
	 * @param limit at most {@link #MAX_PAGE}
	 */
	public List<StudySummary> search(StudyFilter filter, StudyCondition visibility, StudyCursor after, int limit) {
		return search(filter, visibility, after, 0, limit);
	}

	/**
	 * One page by position rather than by cursor, for protocols that page with an offset
	 * (QIDO-RS): the same query and order as
	 * {@link #search(StudyFilter, StudyCondition, StudyCursor, int)}.
	 */
	public List<StudySummary> searchAt(StudyFilter filter, StudyCondition visibility, int offset, int limit) {
		return search(filter, visibility, null, Math.max(0, offset), limit);
	}

	private List<StudySummary> search(StudyFilter filter, StudyCondition visibility, StudyCursor after, int offset,
			int limit) {
		return query(filter, visibility, after, offset, limit).map(lists::search).orElse(List.of());
	}

	/** The list query, empty when no study can match. */
	private Optional<StudyQuery> query(StudyFilter filter, StudyCondition visibility, StudyCursor after, int offset,
			int limit) {
		if (visibility.isNever()) {
			return Optional.empty();
		}
		UUID department = null;
		if (filter.departmentCode() != null) {
			Optional<Department> found = departmentByCode(departments, filter.departmentCode());
			if (found.isEmpty()) {
				return Optional.empty();
			}
			department = found.get().id().value();
		}
		return Optional.of(StudyQuery.of(filter, department, visibility, after, offset, limit,
				departments.codeColumn("s.department_id")));
	}

	/**
	 * The number of series and instances of a study, as the archive last reported them.
	 */
	public record ImageCounts(int series, int instances) {

	}

	/** A row of a list with its image counts. */
	public record Counted(StudySummary study, ImageCounts counts) {

	}

	/**
	 * {@link #searchAt(StudyFilter, StudyCondition, int, int)} with each row's image
	 * counts, the page, its departments' codes and the counts read in one statement
	 * (docs/decisions/085-gateway-cpu-per-request.md).
	 */
	public List<Counted> searchAtCounted(StudyFilter filter, StudyCondition visibility, int offset, int limit) {
		return query(filter, visibility, null, Math.max(0, offset), limit)
			.map(query -> lists.searchCounted(query.withColumns("s.series_count, s.instance_count")))
			.orElse(List.of());
	}

	/**
	 * What the registry does not know of the study: the pages mark it as unknown
	 * (docs/guide/image-archive.md).
	 */
	public Optional<UnknownValues> unknownValues(StudyId id) {
		return store.unknownValues(id);
	}

	/** When the study's images first arrived in the archive, if they did. */
	public Optional<Instant> arrivedAt(StudyId id) {
		return store.arrivedAt(id);
	}

	/** The department with this code; empty when none has it or it is no code at all. */
	static Optional<Department> departmentByCode(Departments departments, String code) {
		try {
			return departments.find(new DepartmentCode(code));
		}
		catch (InvalidInputException ex) {
			return Optional.empty();
		}
	}

}
