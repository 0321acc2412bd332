package org.studygate.refcode;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.studygate.department.Department;
import org.studygate.department.DepartmentColumns;
import org.studygate.department.Departments;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The first statement of a code's check (decision 081): the throttle's take
 * ({@link LoginThrottle#TAKE}, decision 066) and, only when both tokens were taken, the
 * code with the typed code's lookup hash, its department and its issuer's terms, in one
 * round trip. The take is a common table expression, run once and before the reads; each
 * read is a lateral subquery whose condition starts with the take's answer, so a
 * throttled attempt looks at nothing. For an unknown code the decoy's department and
 * terms are read instead, at the same cost. The department's and the terms' columns are
 * their modules' own ({@link Departments#columns}, {@link CodeTerms#columns}). The
 * statement commits on its own, as the take did alone: without waiting for the disk and
 * never inside a caller's transaction.
 */
@Repository
class CodeLookup {

	private static final String TOOK = "case when t.took then coalesce(%s, :%s) end";

	private final JdbcClient jdbc;

	private final LoginThrottle throttle;

	private final ReferenceNumberStore store;

	private final DepartmentColumns department;

	/** The issuers' terms joined, empty when one of them cannot be. */
	private final Optional<JoinedColumns<CodeTerms.Terms>> terms;

	private final String sql;

	CodeLookup(JdbcClient jdbc, LoginThrottle throttle, ReferenceNumberStore store, Departments departments,
			CodeIssuers issuers) {
		this.jdbc = jdbc;
		this.throttle = throttle;
		this.store = store;
		this.department = departments.columns(TOOK.formatted("c.department_id", "decoyDepartment"));
		this.terms = issuers.columns(TOOK.formatted("c.id", "decoyCode"));
		this.sql = "with t as (select " + LoginThrottle.TAKE + " as took)\nselect * from t\n"
				+ "left join lateral (select " + ReferenceNumberStore.COLUMNS
				+ " from refcode.reference_number where t.took and lookup_hash = :hash) c on true\n" + department.join()
				+ terms.map(JoinedColumns::join).orElse("");
	}

	/**
	 * What the first statement answered.
	 *
	 * @param taken the tokens taken, empty when the attempt is throttled
	 * @param code the code with the hash, empty when none has it or nothing was taken
	 * @param department the code's department, or the decoy's for an unknown code
	 * @param terms the code's issuer's terms, or the decoy's (none)
	 * @param termsRead whether the terms were read here; if not, they are to be asked for
	 */
	record Found(Optional<LoginThrottle.Taken> taken, Optional<ReferenceNumberStore.Row> code,
			Optional<Department> department, Optional<CodeTerms.Terms> terms, boolean termsRead) {

	}

	/**
	 * Takes the attempt's tokens and, when they were taken, reads the code, its
	 * department and its terms.
	 * @param decoyCode whose terms are read when no code has the hash
	 * @param decoyDepartment which department is read when no code has the hash
	 */
	@Transactional(propagation = Propagation.NOT_SUPPORTED)
	Found takeAndFind(String client, byte[] hash, UUID decoyCode, UUID decoyDepartment) {
		LoginThrottle.Taken taken = throttle.draw(client);
		Map<String, Object> params = new HashMap<>(throttle.params(taken));
		params.put("hash", hash);
		params.put("decoyCode", decoyCode);
		params.put("decoyDepartment", decoyDepartment);
		return jdbc.sql(sql).params(params).query((rs, n) -> {
			Optional<ReferenceNumberStore.Row> code = rs.getObject("id", UUID.class) == null ? Optional.empty()
					: Optional.of(store.row(rs, n));
			Optional<CodeTerms.Terms> read = terms.isPresent() ? terms.get().reader().read(rs) : Optional.empty();
			return new Found(rs.getBoolean("took") ? Optional.of(taken) : Optional.empty(), code, department.read(rs),
					read, terms.isPresent());
		}).single();
	}

}
