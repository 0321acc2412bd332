package org.studygate.explore;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.studygate.audit.AuditActor;
import org.studygate.audit.AuditOutcome;
import org.studygate.audit.AuditableEvent;

/**
 * An actor read a study's access log: the Study logging tab, its CSV, the log API or the
 * FHIR export. Reading who looked is itself a look.
 *
 * @param format PAGE, CSV, API or FHIR
 */
public record StudyLogRead(Instant occurredAt, AuditActor actor, UUID studyId,
		String format) implements AuditableEvent {

	@Override
	public String action() {
		return "STUDY_LOG_READ";
	}

	@Override
	public AuditOutcome outcome() {
		return AuditOutcome.SUCCESS;
	}

	@Override
	public Map<String, String> details() {
		return Map.of("format", format);
	}

}
