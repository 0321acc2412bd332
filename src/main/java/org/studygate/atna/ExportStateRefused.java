package org.studygate.atna;

import java.time.Instant;

import org.studygate.audit.AuditActor;
import org.studygate.audit.AuditOutcome;
import org.studygate.audit.AuditableEvent;

/** Somebody other than the service desk asked for the ATNA export's page. */
public record ExportStateRefused(Instant occurredAt, AuditActor actor) implements AuditableEvent {

	@Override
	public String action() {
		return "ATNA_EXPORT_STATE_REFUSED";
	}

	@Override
	public AuditOutcome outcome() {
		return AuditOutcome.DENIED;
	}

}
