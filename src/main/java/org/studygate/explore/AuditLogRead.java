package org.studygate.explore;

import java.time.Instant;
import java.util.Map;

import org.studygate.audit.AuditActor;
import org.studygate.audit.AuditOutcome;
import org.studygate.audit.AuditableEvent;

/**
 * Somebody read the access log across studies — the global search, its CSV or a chain
 * verification — or was refused it (only the service desk may).
 *
 * @param format SEARCH, CSV or VERIFY
 * @param query what was asked, for the record
 * @param outcome SUCCESS, or DENIED when the actor is not the service desk
 */
public record AuditLogRead(Instant occurredAt, AuditActor actor, String format, String query,
		AuditOutcome outcome) implements AuditableEvent {

	@Override
	public String action() {
		return "AUDIT_EXPORT_READ";
	}

	@Override
	public Map<String, String> details() {
		return Map.of("format", format, "query", query);
	}

}
