package org.studygate.refcode;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The first statement of a code's check (decision 081): the throttle's take
 * ({@link LoginThrottle#TAKE}, decision 066) and, only when both tokens were taken, the
 * code with the typed code's lookup hash, in one round trip. The take is a common table
 * expression, run once and before the read; the read is a lateral subquery whose
 * condition starts with the take's answer, so a throttled attempt looks at no code. The
 * statement commits on its own, as the take did alone: without waiting for the disk and
 * never inside a caller's transaction.
 */
@Repository
class CodeLookup {

	private static final String SQL = "with t as (select " + LoginThrottle.TAKE + " as took)\n"
			+ "select t.took, c.* from t left join lateral (select " + ReferenceNumberStore.COLUMNS
			+ " from refcode.reference_number where t.took and lookup_hash = :hash) c on true";

	private final JdbcClient jdbc;

	private final LoginThrottle throttle;

	private final ReferenceNumberStore store;

	CodeLookup(JdbcClient jdbc, LoginThrottle throttle, ReferenceNumberStore store) {
		this.jdbc = jdbc;
		this.throttle = throttle;
		this.store = store;
	}

	/**
	 * What the first statement answered.
	 *
	 * @param taken the tokens taken, empty when the attempt is throttled
	 * @param code the code with the hash, empty when none has it or nothing was taken
	 */
	record Found(Optional<LoginThrottle.Taken> taken, Optional<ReferenceNumberStore.Row> code) {

	}

	/** Takes the attempt's tokens and, when they were taken, reads the code. */
	@Transactional(propagation = Propagation.NOT_SUPPORTED)
	Found takeAndFind(String client, byte[] hash) {
		LoginThrottle.Taken taken = throttle.draw(client);
		Map<String, Object> params = new HashMap<>(throttle.params(taken));
		params.put("hash", hash);
		return jdbc.sql(SQL).params(params).query((rs, n) -> {
			boolean took = rs.getBoolean("took");
			Optional<ReferenceNumberStore.Row> code = rs.getObject("id", UUID.class) == null ? Optional.empty()
					: Optional.of(store.row(rs, n));
			return new Found(took ? Optional.of(taken) : Optional.empty(), code);
		}).single();
	}

}
