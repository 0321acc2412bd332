package org.studygate.study;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The list query: one page of the studies that satisfy both the filter and the visibility
 * condition, newest first, in one SQL statement. The page is chosen on the study rows
 * alone (each carries its patient's name for the filter); only the page's rows are joined
 * to their patients.
 */
final class StudyQuery {

	private final StringBuilder sql;

	private final List<Object> parameters;

	private StudyQuery(StudyCondition visibility) {
		this.sql = new StringBuilder("""
				select s.id, s.study_instance_uid, s.accession_number, s.department_id, s.study_date,
				       s.performed_at, s.modality, s.description, p.name, p.patient_id, p.birth_date, s.cancelled,
				       s.study_date_source
				from (select s.* from study.study s where (""").append(visibility.sql()).append(")");
		this.parameters = new ArrayList<>(visibility.parameters());
	}

	/**
	 * The query of a page.
	 * @param department the id of the filter's department, {@code null} when it names
	 * none
	 * @param after where the previous page ended, {@code null} for the first page or an
	 * offset
	 * @param offset the rows to skip, for protocols that page by position
	 */
	static StudyQuery of(StudyFilter filter, UUID department, StudyCondition visibility, StudyCursor after, int offset,
			int limit) {
		StudyQuery query = new StudyQuery(visibility);
		query.filter(filter, department);
		if (after != null) {
			query.where(" and (s.performed_at, s.id) < (?, ?)", after.performedAt(), after.id());
		}
		query.where(" order by s.performed_at desc, s.id desc limit ?",
				Math.max(1, Math.min(limit, Studies.MAX_PAGE + 1)));
		if (offset > 0) {
			query.where(" offset ?", offset);
		}
		query.sql.append(") s join study.patient p on p.id = s.patient_id order by s.performed_at desc, s.id desc");
		return query;
	}

	private void filter(StudyFilter filter, UUID department) {
		if (filter.patient() != null) {
			String prefix = escapeLike(StudyStore.nameKey(filter.patient())) + "%";
			where(" and (s.patient_name_key like ? escape '\\'"
					+ " or s.patient_id = any(array(select sp.id from study.patient sp where sp.patient_id = ?"
					+ " or sp.ideographic_key like ? escape '\\' or sp.phonetic_key like ? escape '\\')))", prefix,
					filter.patient(), prefix, prefix);
		}
		if (filter.from() != null) {
			where(" and s.study_date >= ?", filter.from());
		}
		if (filter.to() != null) {
			where(" and s.study_date <= ?", filter.to());
		}
		if (filter.modality() != null) {
			where(" and s.modality = ?", filter.modality());
		}
		if (department != null) {
			where(" and s.department_id = ?", department);
		}
		if (filter.accession() != null) {
			where(" and s.accession_number = ?", filter.accession());
		}
	}

	private void where(String condition, Object... values) {
		sql.append(condition);
		parameters.addAll(List.of(values));
	}

	String sql() {
		return sql.toString();
	}

	List<Object> parameters() {
		return parameters;
	}

	private static String escapeLike(String value) {
		return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

}
