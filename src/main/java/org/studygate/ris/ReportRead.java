package org.studygate.ris;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.studygate.audit.AuditActor;
import org.studygate.audit.AuditOutcome;
import org.studygate.audit.AuditableEvent;

/** Someone read a study's report: its text or its document ({@code format}). */
public record ReportRead(Instant occurredAt, AuditActor actor, UUID studyId, int version,
		String format) implements AuditableEvent {

	@Override
	public String action() {
		return "REPORT_READ";
	}

	@Override
	public AuditOutcome outcome() {
		return AuditOutcome.SUCCESS;
	}

	@Override
	public Map<String, String> details() {
		return Map.of("version", Integer.toString(version), "format", format);
	}

}
