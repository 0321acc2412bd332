package org.studygate.directory;

import java.time.Instant;
import java.util.Map;

import org.studygate.audit.AdministrationEvent;
import org.studygate.audit.AuditActor;
import org.studygate.audit.AuditOutcome;

/**
 * Someone who is not the service desk tried to lock or unlock a staff account
 * ({@code USER_LOCKED} or {@code USER_UNLOCKED}, DENIED;
 * docs/decisions/027-administration-log.md): the refusal is kept like the action it
 * refused.
 */
public record AccountActionRefused(Instant occurredAt, AuditActor actor, UserId userId,
		String action) implements AdministrationEvent {

	@Override
	public AuditOutcome outcome() {
		return AuditOutcome.DENIED;
	}

	@Override
	public String departmentCode() {
		return null;
	}

	@Override
	public Map<String, String> changes() {
		return Map.of("userId", userId.toString());
	}

}
