package org.studygate.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.studygate.InvalidInputException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The access log, read: per study, globally, as CSV and as FHIR AuditEvents, and its
 * chain verified. The callers decide who may read what; reading is itself an auditable
 * action they publish.
 */
@Service
public class AuditTrail {

	/** The most entries one page or API answer holds. */
	public static final int MAX_PAGE = 500;

	/** The most entries one CSV or FHIR export holds. */
	public static final int MAX_EXPORT = 50_000;

	/**
	 * The actions a patient is shown as "somebody looked at your study"
	 * (docs/product/05-workflows.md#patient-login: patients see who looked).
	 */
	public static final List<String> LOOKING_ACTIONS = List.of("STUDY_OPENED", "REPORT_READ", "IMAGES_RETRIEVED",
			"IMAGES_VIEWED", "DOWNLOAD", "DOWNLOADED", "FORWARD", "FORWARDED", "STUDY_UNLOCKED");

	private final AuditStore store;

	private final ChainVerification verification;

	private final JdbcClient jdbc;

	AuditTrail(AuditStore store, ChainVerification verification, JdbcClient jdbc) {
		this.store = store;
		this.verification = verification;
		this.jdbc = jdbc;
	}

	/** A page of a study's log, newest first. */
	@Transactional(readOnly = true)
	public LogPage studyLog(UUID study, LogFilter filter, String after, int limit) {
		return store.page(study, filter, after, checkLimit(limit));
	}

	/** A page of the whole log, newest first (service desk). */
	@Transactional(readOnly = true)
	public LogPage search(LogFilter filter, String after, int limit) {
		return store.page(null, filter, after, checkLimit(limit));
	}

	/**
	 * A page of the administration log (entries of {@link AdministrationEvent}s), newest
	 * first: of every department and of the platform when {@code departments} is null,
	 * otherwise only of the departments named; about one user or group (its id) when
	 * {@code subject} is given.
	 */
	@Transactional(readOnly = true)
	public LogPage administrationLog(LogFilter filter, Set<String> departments, String subject, String after,
			int limit) {
		return store.administration(filter, departments, subject == null || subject.isBlank() ? null : subject.strip(),
				after, checkLimit(limit));
	}

	/**
	 * Entries per day of a study (or of everything when {@code study} is null), for the
	 * chart.
	 */
	@Transactional(readOnly = true)
	public List<DayCount> perDay(UUID study, LogFilter filter) {
		return store.perDay(study, filter);
	}

	/**
	 * Writes the matching entries as CSV (RFC 4180, UTF-8), newest first, at most
	 * {@link #MAX_EXPORT}. Cells that a spreadsheet would read as a formula are prefixed
	 * with an apostrophe.
	 */
	@Transactional(readOnly = true)
	public void csv(UUID study, LogFilter filter, Writer out) {
		try {
			out.write(String.join(",", "at", "actorKind", "actorId", "actorName", "channel", "action", "outcome",
					"studyId", "clientIp", "userAgent", "details"));
			out.write("\r\n");
			store.each(study, filter, MAX_EXPORT, entry -> {
				try {
					out.write(CsvCells.row(entry.at().toString(), entry.actorKind(), entry.actorId(), entry.actorName(),
							entry.channel(), entry.action(), entry.outcome(),
							entry.studyId() == null ? null : entry.studyId().toString(), entry.clientIp(),
							entry.userAgent(), CsvCells.details(entry.details())));
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
			out.flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The entries of the given studies in a period as a FHIR R4 searchset Bundle (JSON)
	 * of IHE BALP AuditEvents, newest first.
	 */
	@Transactional(readOnly = true)
	public String fhirSearchset(Map<UUID, FhirSubject> studies, Instant from, Instant to, int max, String self) {
		List<AuditEntry> entries = studies.isEmpty() ? List.of()
				: jdbc.sql("select " + AuditStore.COLUMNS + """
						 from audit.entry
						where study_id = any(:studies) and at >= :from and at < :to
						order by at desc, id desc limit :max
						""")
					.param("studies", studies.keySet().toArray(new UUID[0]))
					.param("from", Timestamp.from(from))
					.param("to", Timestamp.from(to))
					.param("max", Math.min(max, MAX_EXPORT))
					.query((rs, n) -> AuditStore.entry(rs, 1))
					.list();
		return FhirAuditEvents.searchset(entries, studies, self);
	}

	/**
	 * Who accessed the given studies (user or share-code recipient, when, how), newest
	 * first, at most 1,000: what a patient signed in with a code is shown. His own code
	 * sessions, system work and denied attempts are left out.
	 */
	@Transactional(readOnly = true)
	public List<AuditEntry> whoAccessed(List<UUID> studies) {
		return store.accessesOf(new ArrayList<>(studies), LOOKING_ACTIONS);
	}

	/** Verifies the chain over a period; see {@link ChainReport}. */
	public ChainReport verify(Instant from, Instant to) {
		if (!from.isBefore(to)) {
			throw new InvalidInputException("from", "must be before to");
		}
		return verification.verify(from, to);
	}

	private static int checkLimit(int limit) {
		if (limit < 1 || limit > MAX_PAGE) {
			throw new InvalidInputException("limit", "must be between 1 and " + MAX_PAGE);
		}
		return limit;
	}

}
