package org.studygate.directory;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.studygate.audit.AdministrationEvent;
import org.studygate.audit.AuditActor;
import org.studygate.audit.AuditOutcome;

/**
 * API tokens of a user were revoked ({@code TOKEN_REVOKED}): one ({@code tokenId}) or all
 * of them ({@code tokenId} {@code null}, with how many), and why: logout, revoked by the
 * owner, password changed, account locked, a service-desk action.
 * {@code TOKEN_REVOKE_REFUSED} (DENIED) is an attempt to revoke a token id that is not
 * the actor's (decision 029).
 */
public record TokenRevoked(Instant occurredAt, AuditActor actor, UserId userId, UUID tokenId, int count, String reason,
		boolean refused) implements AdministrationEvent {

	@Override
	public String action() {
		return refused ? "TOKEN_REVOKE_REFUSED" : "TOKEN_REVOKED";
	}

	@Override
	public AuditOutcome outcome() {
		return refused ? AuditOutcome.DENIED : AuditOutcome.SUCCESS;
	}

	@Override
	public String departmentCode() {
		return null;
	}

	@Override
	public Map<String, String> changes() {
		Map<String, String> changes = new LinkedHashMap<>();
		changes.put("userId", userId.toString());
		if (tokenId != null) {
			changes.put("tokenId", tokenId.toString());
		}
		changes.put("count", Integer.toString(count));
		changes.put("reason", reason);
		return changes;
	}

}
