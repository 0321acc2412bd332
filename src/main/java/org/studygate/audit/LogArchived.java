package org.studygate.audit;

import java.time.Instant;
import java.util.Map;

/**
 * A month of the access log was archived to a file and its partition dropped
 * (docs/decisions/045-access-log-retention.md). Its entry is chained like any other, so
 * the chain itself vouches for the file's SHA-256 and the archived range's ends.
 */
public record LogArchived(Instant occurredAt, ArchivedMonth archived) implements AuditableEvent {

	static final AuditActor RETENTION = new AuditActor("SYSTEM", null, "Access log retention");

	@Override
	public AuditActor actor() {
		return RETENTION;
	}

	@Override
	public String action() {
		return "ACCESS_LOG_ARCHIVED";
	}

	@Override
	public AuditOutcome outcome() {
		return AuditOutcome.SUCCESS;
	}

	@Override
	public Map<String, String> details() {
		return Map.of("month", archived.month().toString(), "entries", Long.toString(archived.entries()), "firstSeq",
				String.valueOf(archived.firstSeq()), "firstLinkHash", String.valueOf(archived.firstLinkHash()),
				"lastSeq", String.valueOf(archived.lastSeq()), "lastLinkHash", String.valueOf(archived.lastLinkHash()),
				"file", archived.fileName(), "sha256", archived.fileSha256());
	}

}
