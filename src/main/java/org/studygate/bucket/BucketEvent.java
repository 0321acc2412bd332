package org.studygate.bucket;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.studygate.audit.AuditActor;
import org.studygate.audit.AuditOutcome;
import org.studygate.audit.AuditableEvent;

/**
 * Something done to a bucket, or refused: created (printed or shared), letter printed,
 * study removed, full bucket removed, unblocked, unblocked with a new code, a code
 * unblocked on the blocked page, or a refused request for a bucket of another department.
 * The code itself is never part of the entry.
 *
 * @param change CREATED, LETTER_PRINTED, STUDY_REMOVED, REMOVED, UNBLOCKED, CODE_RENEWED,
 * or REFUSED
 */
public record BucketEvent(Instant occurredAt, AuditActor actor, UUID studyId, UUID bucketId, String change,
		AuditOutcome outcome, Map<String, String> extra) implements AuditableEvent {

	public BucketEvent {
		extra = extra == null ? Map.of() : Map.copyOf(extra);
	}

	@Override
	public String action() {
		return "BUCKET_" + change;
	}

	@Override
	public Map<String, String> details() {
		Map<String, String> details = new LinkedHashMap<>();
		if (bucketId != null) {
			details.put("bucket", bucketId.toString());
		}
		details.putAll(new java.util.TreeMap<>(extra));
		return details;
	}

}
