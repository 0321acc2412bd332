package org.studygate.explore;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.studygate.audit.AuditActor;
import org.studygate.audit.AuditOutcome;
import org.studygate.audit.AuditableEvent;

/** An actor opened a study's details (the Study tab or the API resource). */
public record StudyOpened(Instant occurredAt, AuditActor actor, UUID studyId, String path,
		String channel) implements AuditableEvent {

	@Override
	public String action() {
		return "STUDY_OPENED";
	}

	@Override
	public String accessChannel() {
		return channel;
	}

	@Override
	public AuditOutcome outcome() {
		return AuditOutcome.SUCCESS;
	}

	@Override
	public Map<String, String> details() {
		return Map.of("path", path, "channel", channel);
	}

}
