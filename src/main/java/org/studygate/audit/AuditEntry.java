package org.studygate.audit;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One access log entry as it was written (docs/product/02-domain.md): who, through which
 * channel, did what to which study, how it ended, from where.
 */
public record AuditEntry(long id, Instant at, String actorKind, String actorId, String actorName, String channel,
		String action, String outcome, UUID studyId, String clientIp, String userAgent, Map<String, String> details) {

	public AuditEntry {
		details = details == null ? Map.of() : Map.copyOf(details);
	}

}
