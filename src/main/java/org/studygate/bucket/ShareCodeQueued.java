package org.studygate.bucket;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.studygate.audit.AuditActor;
import org.studygate.audit.AuditOutcome;
import org.studygate.audit.AuditableEvent;

/**
 * A share code is to be sent to a person without an account, after the share committed
 * (the notifier reads the code from its sealed store; the event holds only the bucket's
 * id, so the event publication registry never keeps a code in clear).
 *
 * @param channel MAIL or SMS
 */
public record ShareCodeQueued(Instant occurredAt, AuditActor actor, UUID bucketId, String channel, String language,
		String message) implements AuditableEvent {

	@Override
	public String action() {
		return "BUCKET_SHARE_CODE_QUEUED";
	}

	@Override
	public AuditOutcome outcome() {
		return AuditOutcome.SUCCESS;
	}

	@Override
	public Map<String, String> details() {
		return Map.of("bucket", bucketId.toString(), "channel", channel);
	}

}
