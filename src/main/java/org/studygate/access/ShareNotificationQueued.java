package org.studygate.access;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.studygate.audit.AuditActor;
import org.studygate.audit.AuditOutcome;
import org.studygate.audit.AuditableEvent;

/**
 * The recipients of a share are to be told by e-mail. Published with the share and
 * handled after its commit from the event publication registry, so that a share that
 * rolls back sends nothing and a mail server that is down delays the mail without failing
 * the share. Carries no patient data; the message is the sharer's own text.
 */
public record ShareNotificationQueued(Instant occurredAt, AuditActor actor, List<UUID> studyIds,
		List<Recipient> recipients, String message) implements AuditableEvent {

	/**
	 * A recipient as the share resolved it: a user or a group (a department's
	 * SOURCE_USERS group).
	 */
	public record Recipient(SubjectType type, UUID id) {

	}

	public ShareNotificationQueued {
		studyIds = List.copyOf(studyIds);
		recipients = List.copyOf(recipients);
	}

	@Override
	public String action() {
		return "SHARE_NOTIFICATION_QUEUED";
	}

	@Override
	public AuditOutcome outcome() {
		return AuditOutcome.SUCCESS;
	}

	@Override
	public Map<String, String> details() {
		return Map.of("studies", Integer.toString(studyIds.size()), "recipients",
				String.join(",", recipients.stream().map(r -> r.type() + ":" + r.id()).toList()));
	}

}
