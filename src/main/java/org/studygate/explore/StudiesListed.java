package org.studygate.explore;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.studygate.audit.AuditActor;
import org.studygate.audit.AuditOutcome;
import org.studygate.audit.AuditableEvent;

/** An actor listed studies: one entry per listing, not per row. */
public record StudiesListed(Instant occurredAt, AuditActor actor, String filter, int count,
		String channel) implements AuditableEvent {

	@Override
	public String action() {
		return "STUDIES_LISTED";
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
		Map<String, String> details = new LinkedHashMap<>();
		details.put("filter", filter);
		details.put("count", Integer.toString(count));
		details.put("channel", channel);
		return details;
	}

}
