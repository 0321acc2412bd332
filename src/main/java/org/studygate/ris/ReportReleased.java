package org.studygate.ris;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.studygate.audit.AuditActor;
import org.studygate.audit.AuditOutcome;
import org.studygate.audit.AuditableEvent;

/**
 * Someone released a study's final report to the patient, or was refused
 * (docs/guide/ris-interface.md, decision 052).
 */
public record ReportReleased(Instant occurredAt, AuditActor actor, UUID studyId, AuditOutcome outcome,
		Map<String, String> details) implements AuditableEvent {

	@Override
	public String action() {
		return "REPORT_RELEASED";
	}

}
