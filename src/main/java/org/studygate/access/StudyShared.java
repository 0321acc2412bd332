package org.studygate.access;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.studygate.audit.AuditActor;
import org.studygate.audit.AuditOutcome;
import org.studygate.audit.AuditableEvent;

/**
 * A study was shared, one event per study of a share, so that each study's log shows it.
 *
 * @param recipients each as {@code TYPE:id}
 */
public record StudyShared(Instant occurredAt, AuditActor actor, UUID studyId, List<String> recipients, GrantScope scope,
		boolean mayShare, Instant validUntil, boolean notifyRecipients) implements AuditableEvent {

	public StudyShared {
		recipients = List.copyOf(recipients);
	}

	@Override
	public String action() {
		return "STUDY_SHARED";
	}

	@Override
	public AuditOutcome outcome() {
		return AuditOutcome.SUCCESS;
	}

	@Override
	public Map<String, String> details() {
		return Map.of("recipients", String.join(",", recipients), "scope", scope.name(), "mayShare",
				Boolean.toString(mayShare), "validUntil", String.valueOf(validUntil), "notify",
				Boolean.toString(notifyRecipients));
	}

}
