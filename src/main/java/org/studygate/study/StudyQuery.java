package org.studygate.study;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The list query: one page of the studies that satisfy both the filter and the visibility
 * condition, newest first, in one SQL statement. The page is chosen on the study rows
 * alone (each carries its patient's name for the filter); only the page's rows are joined
 * to their patients.
 *
 * <p>
 * A visibility of one branch of the study table is one newest-first read. A visibility of
 * several branches, or of a branch with an ordered source (a physician's studies), reads
 * each branch newest first up to the page and merges them
 * (docs/decisions/070-explore-list-as-a-merge-of-ordered-paths.md): no branch sorts more
 * than its own first page.
 */
final class StudyQuery {

	private static final String COLUMNS = """
			select s.id, s.study_instance_uid, s.accession_number, s.department_id, s.study_date,
			       s.performed_at, s.modality, s.description, p.name, p.patient_id, p.birth_date, s.cancelled,
			       s.study_date_source, %s
			""";

	private final StringBuilder sql;

	private final List<Object> parameters = new ArrayList<>();

	private final int columnsEnd;

	private StudyQuery(String departmentCode) {
		this.sql = new StringBuilder(COLUMNS.formatted(departmentCode).stripTrailing());
		this.columnsEnd = sql.length();
		sql.append('\n');
	}

	/**
	 * The query of a page.
	 * @param department the id of the filter's department, {@code null} when it names
	 * none
	 * @param after where the previous page ended, {@code null} for the first page or an
	 * offset
	 * @param offset the rows to skip, for protocols that page by position
	 * @param departmentCode the department's code as an SQL expression of
	 * {@code s.department_id}, the department module's
	 * (docs/decisions/087-access-tab-and-explore-list-in-fewer-round-trips.md)
	 */
	static StudyQuery of(StudyFilter filter, UUID department, StudyCondition visibility, StudyCursor after, int offset,
			int limit, String departmentCode) {
		int rows = Math.max(1, Math.min(limit, Studies.MAX_PAGE + 1));
		StudyQuery query = new StudyQuery(departmentCode);
		Filter filters = Filter.of(filter, department);
		List<StudyCondition.Branch> branches = visibility.branches();
		if (branches.size() == 1 && branches.get(0).source() == null) {
			query.add("from (select s.* from study.study s where (" + visibility.sql() + ")", visibility.parameters());
			query.add(filters.sql(), filters.parameters());
			query.cursor(after, "s");
			query.add(" order by s.performed_at desc, s.id desc limit ?", List.of(rows));
		}
		else {
			query.add("from (select s.* from study.study s where s.id = any(array(select u.id from (", List.of());
			for (int i = 0; i < branches.size(); i++) {
				query.add(i == 0 ? "(" : " union (", List.of());
				query.branch(branches.get(i), filters, after, offset + rows);
				query.add(")", List.of());
			}
			query.add(") u order by u.performed_at desc, u.id desc limit ?", List.of(rows));
		}
		if (offset > 0) {
			query.add(" offset ?", List.of(offset));
		}
		query.add(branches.size() == 1 && branches.get(0).source() == null ? "" : "))", List.of());
		query.add(") s join study.patient p on p.id = s.patient_id order by s.performed_at desc, s.id desc", List.of());
		return query;
	}

	/**
	 * One branch newest first, at most {@code rows} ids with their sort key. A source's
	 * rows carry the study's sort key, so the branch is read in the source's index order
	 * and each row joined to its study only until the page is full.
	 */
	private void branch(StudyCondition.Branch branch, Filter filters, StudyCursor after, int rows) {
		if (branch.source() == null) {
			add("select s.id, s.performed_at from study.study s where (" + branch.sql() + ")", branch.parameters());
			add(filters.sql(), filters.parameters());
			cursor(after, "s");
			add(" order by s.performed_at desc, s.id desc limit ?", List.of(rows));
			return;
		}
		add("select distinct d.study_id as id, d.performed_at from (" + branch.source() + ") d"
				+ " join study.study s on s.id = d.study_id", branch.sourceParameters());
		add(" where (" + branch.sql() + ")", branch.parameters());
		add(filters.sql(), filters.parameters());
		cursor(after, "d");
		add(" order by d.performed_at desc, d.study_id desc limit ?", List.of(rows));
	}

	private void cursor(StudyCursor after, String alias) {
		if (after != null) {
			String id = "d".equals(alias) ? "d.study_id" : "s.id";
			add(" and (" + alias + ".performed_at, " + id + ") < (?, ?)", List.of(after.performedAt(), after.id()));
		}
	}

	private void add(String text, List<Object> values) {
		sql.append(text);
		parameters.addAll(values);
	}

	/**
	 * The same query with more columns of the page's study row {@code s}, after the usual
	 * ones; they take no parameters.
	 */
	StudyQuery withColumns(String columns) {
		sql.insert(columnsEnd, ", " + columns);
		return this;
	}

	String sql() {
		return sql.toString();
	}

	List<Object> parameters() {
		return parameters;
	}

	/** The filter's conditions on the study row, each beginning with {@code and}. */
	private record Filter(String sql, List<Object> parameters) {

		static Filter of(StudyFilter filter, UUID department) {
			StringBuilder sql = new StringBuilder();
			List<Object> parameters = new ArrayList<>();
			if (filter.patient() != null) {
				String prefix = escapeLike(StudyStore.nameKey(filter.patient())) + "%";
				sql.append(" and (s.patient_name_key like ? escape '\\'"
						+ " or s.patient_id = any(array(select sp.id from study.patient sp where sp.patient_id = ?"
						+ " or sp.ideographic_key like ? escape '\\' or sp.phonetic_key like ? escape '\\')))");
				parameters.addAll(List.of(prefix, filter.patient(), prefix, prefix));
			}
			if (filter.from() != null) {
				sql.append(" and s.study_date >= ?");
				parameters.add(filter.from());
			}
			if (filter.to() != null) {
				sql.append(" and s.study_date <= ?");
				parameters.add(filter.to());
			}
			if (filter.modality() != null) {
				sql.append(" and s.modality = ?");
				parameters.add(filter.modality());
			}
			if (department != null) {
				sql.append(" and s.department_id = ?");
				parameters.add(department);
			}
			if (filter.accession() != null) {
				sql.append(" and s.accession_number = ?");
				parameters.add(filter.accession());
			}
			return new Filter(sql.toString(), parameters);
		}

		private static String escapeLike(String value) {
			return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
		}

	}

}
