package org.studygate.study;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.studygate.audit.AuditActor;
import org.studygate.audit.AuditOutcome;
import org.studygate.audit.AuditableEvent;

/**
 * A study was registered for the first time, by a RIS, an archive or the service desk.
 */
public record StudyRegistered(Instant occurredAt, AuditActor actor, StudyId id, String studyInstanceUid,
		UUID departmentId) implements AuditableEvent {

	@Override
	public String action() {
		return "STUDY_REGISTERED";
	}

	@Override
	public AuditOutcome outcome() {
		return AuditOutcome.SUCCESS;
	}

	@Override
	public UUID studyId() {
		return id.value();
	}

	@Override
	public Map<String, String> details() {
		return Map.of("studyInstanceUid", studyInstanceUid);
	}

}
