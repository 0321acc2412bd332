package org.studygate.breakglass;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.studygate.audit.AuditActor;
import org.studygate.audit.AuditOutcome;
import org.studygate.audit.AuditableEvent;

/**
 * A user's emergency-access searches offered nothing several times within the window
 * (decision 034): a security alert in the access log, and a mail, once per burst, to the
 * source admins of the departments whose patient IDs were searched (or to the security
 * mailbox when none matched).
 *
 * @param patientIds the patient IDs searched in the burst, oldest first
 * @param departmentIds the departments holding a study of one of them
 */
public record EmergencySearchMissesReported(Instant occurredAt, AuditActor actor, int misses, List<String> patientIds,
		List<UUID> departmentIds) implements AuditableEvent {

	public EmergencySearchMissesReported {
		patientIds = List.copyOf(patientIds);
		departmentIds = List.copyOf(departmentIds);
	}

	@Override
	public String action() {
		return "EMERGENCY_SEARCH_MISSES_REPORTED";
	}

	@Override
	public AuditOutcome outcome() {
		return AuditOutcome.FAILURE;
	}

	@Override
	public Map<String, String> details() {
		Map<String, String> details = new LinkedHashMap<>();
		details.put("misses", Integer.toString(misses));
		details.put("patientIds", String.join(", ", patientIds));
		details.put("departments",
				departmentIds.stream().map(UUID::toString).reduce((a, b) -> a + ", " + b).orElse(""));
		return details;
	}

}
