package org.studygate.transfer;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.studygate.audit.AuditActor;
import org.studygate.audit.AuditOutcome;
import org.studygate.audit.AuditableEvent;

/**
 * A user downloaded a study as a ZIP (a disclosure), logged with the format before the
 * first byte.
 */
public record StudyDownloaded(Instant occurredAt, AuditActor actor, UUID transferId, UUID studyId, String format,
		int instances) implements AuditableEvent {

	@Override
	public String action() {
		return "DOWNLOADED";
	}

	@Override
	public AuditOutcome outcome() {
		return AuditOutcome.SUCCESS;
	}

	@Override
	public Map<String, String> details() {
		return Map.of("transferId", transferId.toString(), "format", format, "instances", Integer.toString(instances));
	}

}
