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
 *
 * <p>
 * Besides the whole condition ({@link #sql()}) it keeps its {@link #branches()}: the
 * alternatives it is the OR of, each optionally read from an ordered source of study ids
 * rather than from the study table. The list reads each branch newest first up to the
 * page and merges them (docs/decisions/070-explore-list-as-a-merge-of-ordered-paths.md),
 * so that a physician's page does not sort all his studies.
 */
public record StudyCondition(String sql, List<Object> parameters, List<Branch> branches) {

	/**
	 * The studies of a physician's orders, with their sort key, from the index that keeps
	 * them newest first per physician number.
	 */
	private static final String PHYSICIAN_SOURCE = """
			select sp.study_id, sp.performed_at from study.study_physician sp where sp.physician_number""";

	private static final StudyCondition ALWAYS = new StudyCondition("true", List.of());

	private static final StudyCondition NEVER = new StudyCondition("false", List.of(), List.of());

	public StudyCondition {
		parameters = List.copyOf(parameters);
		branches = List.copyOf(branches);
	}

	/** A condition read from the study table alone. */
	public StudyCondition(String sql, List<Object> parameters) {
		this(sql, parameters, List.of(new Branch(null, List.of(), sql, parameters)));
	}

	/**
	 * One alternative of a condition: the study rows that satisfy {@code sql}, among
	 * those {@code source} yields when it is not {@code null}.
	 *
	 * @param source a query yielding {@code study_id} and the study's
	 * {@code performed_at}, readable newest first through an index; {@code null} for the
	 * study table itself
	 */
	public record Branch(String source, List<Object> sourceParameters, String sql, List<Object> parameters) {

		public Branch {
			sourceParameters = List.copyOf(sourceParameters);
			parameters = List.copyOf(parameters);
		}

		Branch and(String other, List<Object> otherParameters) {
			if ("true".equals(sql)) {
				return new Branch(source, sourceParameters, other, otherParameters);
			}
			List<Object> all = new ArrayList<>(parameters);
			all.addAll(otherParameters);
			return new Branch(source, sourceParameters, "(" + sql + ") and (" + other + ")", all);
		}

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
		Object numbers = physicianNumbers.toArray(String[]::new);
		// one number (the usual case) is an equality, which the index reads in order; an
		// array is read whole and sorted (still without reading the studies)
		Branch branch = physicianNumbers.size() == 1
				? new Branch(PHYSICIAN_SOURCE + " = ?", List.of(physicianNumbers.iterator().next()), "true", List.of())
				: new Branch(PHYSICIAN_SOURCE + " = any(?)", List.of(numbers), "true", List.of());
		return new StudyCondition(
				"s.id = any(array(select sp.study_id from study.study_physician sp where sp.physician_number = any(?)))",
				List.of(numbers), List.of(branch));
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
		List<Branch> all = new ArrayList<>(branches);
		all.addAll(other.branches);
		return join(" or ", other, all);
	}

	/**
	 * Both conditions. When one side is a single branch of the study table (such as
	 * {@link #notCancelled()}), it is added to each branch of the other; otherwise the
	 * result is one branch of the study table.
	 */
	public StudyCondition and(StudyCondition other) {
		if (isNever() || other.isAlways()) {
			return this;
		}
		if (other.isNever() || isAlways()) {
			return other;
		}
		List<Branch> all;
		if (other.isPlain()) {
			all = branches.stream().map(b -> b.and(other.sql, other.parameters)).toList();
		}
		else if (isPlain()) {
			all = other.branches.stream().map(b -> b.and(sql, parameters)).toList();
		}
		else {
			StudyCondition whole = join(" and ", other, List.of());
			all = List.of(new Branch(null, List.of(), whole.sql, whole.parameters));
		}
		return join(" and ", other, all);
	}

	/** One branch, of the study table. */
	private boolean isPlain() {
		return branches.size() == 1 && branches.get(0).source() == null;
	}

	private StudyCondition join(String operator, StudyCondition other, List<Branch> branches) {
		List<Object> all = new ArrayList<>(parameters);
		all.addAll(other.parameters);
		return new StudyCondition("(" + sql + ")" + operator + "(" + other.sql + ")", all, branches);
	}

}
