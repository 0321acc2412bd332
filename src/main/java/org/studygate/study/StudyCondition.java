package org.studygate.study;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * A condition on the study row {@code s} of a list query, with positional parameters. The
 * access module composes the conditions of its paths into one, and the study list runs as
 * one SQL query. A condition of another module may use {@code s.id},
 * {@code s.department_id} and {@code s.cancelled} and that module's own tables, nothing
 * else of this module.
 */
public record StudyCondition(String sql, List<Object> parameters) {

	private static final StudyCondition ALWAYS = new StudyCondition("true", List.of());

	private static final StudyCondition NEVER = new StudyCondition("false", List.of());

	public StudyCondition {
		parameters = List.copyOf(parameters);
	}

	public static StudyCondition always() {
		return ALWAYS;
	}

	public static StudyCondition never() {
		return NEVER;
	}

	/** Another module's condition; see the class comment for what it may refer to. */
	public static StudyCondition of(String sql, Object... parameters) {
		return new StudyCondition(sql, List.of(parameters));
	}

	/**
	 * Studies sent by one of these departments. One department (the usual case) is an
	 * equality, so that the list can read that department's newest-first index in order.
	 */
	public static StudyCondition inDepartments(Collection<UUID> departments) {
		if (departments.isEmpty()) {
			return NEVER;
		}
		if (departments.size() == 1) {
			return of("s.department_id = ?", departments.iterator().next());
		}
		return of("s.department_id = any(?)", (Object) departments.toArray(UUID[]::new));
	}

	/**
	 * Studies requested by, or copied to, a physician holding one of these numbers.
	 * Written as {@code s.id = any(array(...))} rather than {@code s.id in (...)}: the
	 * array is computed once and the condition stays an index condition on the study's
	 * key even when OR-ed with another path's condition (a physician in a practice), so
	 * the list reads his few studies by key instead of walking the whole newest-first
	 * index past every other physician's studies.
	 */
	public static StudyCondition requestedByOrCopiedTo(Collection<String> physicianNumbers) {
		if (physicianNumbers.isEmpty()) {
			return NEVER;
		}
		return of(
				"s.id = any(array(select sp.study_id from study.study_physician sp where sp.physician_number = any(?)))",
				(Object) physicianNumbers.toArray(String[]::new));
	}

	/** Studies with one of these Study Instance UIDs (a QIDO-RS query naming studies). */
	public static StudyCondition studyInstanceUids(Collection<String> uids) {
		if (uids.isEmpty()) {
			return NEVER;
		}
		return of("s.study_instance_uid = any(?)", (Object) uids.toArray(String[]::new));
	}

	/** Studies that are not cancelled. */
	public static StudyCondition notCancelled() {
		return of("not s.cancelled");
	}

	public boolean isNever() {
		return this == NEVER || "false".equals(sql);
	}

	public boolean isAlways() {
		return this == ALWAYS || "true".equals(sql);
	}

	public StudyCondition or(StudyCondition other) {
		if (isAlways() || other.isNever()) {
			return this;
		}
		if (other.isAlways() || isNever()) {
			return other;
		}
		return join(" or ", other);
	}

	public StudyCondition and(StudyCondition other) {
		if (isNever() || other.isAlways()) {
			return this;
		}
		if (other.isNever() || isAlways()) {
			return other;
		}
		return join(" and ", other);
	}

	private StudyCondition join(String operator, StudyCondition other) {
		List<Object> all = new ArrayList<>(parameters);
		all.addAll(other.parameters);
		return new StudyCondition("(" + sql + ")" + operator + "(" + other.sql + ")", all);
	}

}
