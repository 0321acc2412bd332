package org.studygate.refcode;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Throttles code logins (docs/product/05-workflows.md) per client address and globally,
 * with token buckets kept in PostgreSQL ({@code refcode.login_bucket}) so that every
 * instance counts in the same rows (decision 015, decision 066), by the database's clock.
 * Every attempt takes one token from its address's bucket and one from a shard of the
 * global bucket, in one round trip, before anything is looked at; when either is empty
 * the attempt is refused unchecked and takes none. A right code and birth date give both
 * tokens back, so only failures use the buckets up and a throttled attacker does not lock
 * honest patients out for longer than the refill. The global bucket is split into shards
 * that share its capacity and refill: an attempt takes from one shard drawn at random, so
 * failures do not queue on one row while no more than the global number of failures per
 * window is evaluated across all instances.
 */
@Component
class LoginThrottle {

	/** The prefix of the global bucket's shards' keys. */
	static final String GLOBAL = "global:";

	private final JdbcClient jdbc;

	private final String namespace;

	private final Limit perClient;

	private final Limit perShard;

	private final int shards;

	@Autowired
	LoginThrottle(JdbcClient jdbc, @Value("${studygate.patient-login.client-failures:10}") int clientFailures,
			@Value("${studygate.patient-login.client-window:PT10M}") Duration clientWindow,
			@Value("${studygate.patient-login.global-failures:1000}") int globalFailures,
			@Value("${studygate.patient-login.global-window:PT1M}") Duration globalWindow,
			@Value("${studygate.patient-login.global-shards:8}") int shards) {
		this(jdbc, "", clientFailures, clientWindow, globalFailures, globalWindow, shards);
	}

	/**
	 * @param namespace what the keys of this throttle's buckets begin with; empty for the
	 * patient login's own
	 */
	LoginThrottle(JdbcClient jdbc, String namespace, int clientFailures, Duration clientWindow, int globalFailures,
			Duration globalWindow, int shards) {
		this.jdbc = jdbc;
		this.namespace = namespace;
		this.shards = Math.max(1, Math.min(shards, globalFailures));
		this.perClient = Limit.of(clientFailures, clientWindow);
		this.perShard = Limit.of((double) globalFailures / this.shards, globalWindow);
	}

	/**
	 * A bucket's capacity and its refill in tokens per second.
	 */
	record Limit(double capacity, double rate) {

		static Limit of(double capacity, Duration window) {
			return new Limit(capacity, capacity * 1000.0 / Math.max(1, window.toMillis()));
		}

	}

	/**
	 * The tokens one attempt took, to be given back when it was right.
	 *
	 * @param client the client's bucket
	 * @param shard the global bucket's shard
	 */
	record Taken(String client, String shard) {

	}

	/**
	 * The call that takes an attempt's tokens, as an SQL expression of the parameters of
	 * {@link #params(Taken)}: {@code true} when both were taken.
	 */
	static final String TAKE = "refcode.take_login_tokens(:client, :cc, :cr, :shard, :sc, :sr, statement_timestamp())";

	/**
	 * The buckets an attempt from this client takes from: its own and a shard of the
	 * global one, drawn at random. Nothing is taken until {@link #TAKE} runs.
	 */
	Taken draw(String client) {
		return new Taken(namespace + "client:" + (client == null ? "unknown" : client),
				namespace + GLOBAL + ThreadLocalRandom.current().nextInt(shards));
	}

	/**
	 * Takes an attempt's tokens from the client's bucket and a shard of the global one;
	 * empty when either is empty (then neither is taken). Never inside a caller's
	 * transaction: the throttle's commit does not wait for the disk, and a caller's
	 * access and its log entry must. The patient login sends the same call with its first
	 * read ({@link CodeLookup}, decision 081).
	 */
	@Transactional(propagation = Propagation.NOT_SUPPORTED)
	Optional<Taken> take(String client) {
		Taken taken = draw(client);
		Boolean took = jdbc.sql("select " + TAKE).params(params(taken)).query(Boolean.class).single();
		return Boolean.TRUE.equals(took) ? Optional.of(taken) : Optional.empty();
	}

	/**
	 * Gives an attempt's tokens back: it was right. Never inside a caller's transaction.
	 */
	@Transactional(propagation = Propagation.NOT_SUPPORTED)
	void refund(Taken taken) {
		jdbc.sql("select refcode.refund_login_tokens(:client, :cc, :cr, :shard, :sc, :sr, statement_timestamp())")
			.params(params(taken))
			.query((rs, n) -> n)
			.list();
	}

	/**
	 * Removes the buckets that are full again (nothing taken for a whole window), so that
	 * the table holds only addresses seen lately; run on a schedule
	 * (docs/decisions/045-access-log-retention.md). @return how many
	 */
	int removeExpired() {
		return jdbc.sql("""
				delete from refcode.login_bucket
				 where (key like :clients and refcode.login_bucket_level(tokens, updated_at, now(), :cc, :cr) >= :cc)
				    or (key like :shards and refcode.login_bucket_level(tokens, updated_at, now(), :sc, :sr) >= :sc)
				""")
			.param("clients", namespace + "client:%")
			.param("shards", namespace + GLOBAL + "%")
			.param("cc", perClient.capacity())
			.param("cr", perClient.rate())
			.param("sc", perShard.capacity())
			.param("sr", perShard.rate())
			.update();
	}

	/** The parameters of {@link #TAKE} and of the refund for these buckets. */
	Map<String, Object> params(Taken taken) {
		return Map.of("client", taken.client(), "cc", perClient.capacity(), "cr", perClient.rate(), "shard",
				taken.shard(), "sc", perShard.capacity(), "sr", perShard.rate());
	}

}
