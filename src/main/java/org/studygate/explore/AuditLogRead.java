package org.studygate.explore;

import java.time.Instant;
import java.util.Map;

import org.studygate.audit.AuditActor;
import org.studygate.audit.AuditOutcome;
import org.studygate.audit.AuditableEvent;

/**
 * The service desk read the access log across studies: the global search, its CSV or a chain
 * verification.
 *
 * @param format SEARCH, CSV or VERIFY
 * @param query what was asked, for the record
 */
public record AuditLogRead(Instant occurredAt, AuditActor actor, String format, String query) implements AuditableEvent {

	@Override
	public String action() {
		return "AUDIT_EXPORT_READ";
	}

	@Override
	public AuditOutcome outcome() {
		return AuditOutcome.SUCCESS;
	}

	@Override
	public Map<String, String> details() {
		return Map.of("format", format, "query", query);
	}

}
