package org.studygate.sms;

import java.time.Instant;

import org.studygate.audit.AuditActor;
import org.studygate.audit.AuditOutcome;
import org.studygate.audit.AuditableEvent;

/**
 * A signed-in user who is not the service desk asked for the demo page of every one-time
 * password, pincode and share code (decision 035); refused and logged.
 */
public record DemoMessagesRefused(Instant occurredAt, AuditActor actor) implements AuditableEvent {

	@Override
	public String action() {
		return "DEMO_MESSAGES_REFUSED";
	}

	@Override
	public AuditOutcome outcome() {
		return AuditOutcome.DENIED;
	}

}
