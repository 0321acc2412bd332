package org.studygate.archive;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.studygate.audit.AuditActor;
import org.studygate.audit.AuditOutcome;
import org.studygate.audit.AuditableEvent;

/**
 * The service desk assigned a study of the archive that no department matched to a
 * department, which registered it (decision 049), or was refused.
 *
 * @param studyId the registered study, {@code null} when refused
 * @param matchingAdded what was added to the department's matching ("AE title",
 * "institution"), empty for nothing
 * @param reason why it was refused, {@code null} when assigned
 */
public record UnmatchedStudyAssigned(Instant occurredAt, AuditActor actor, UUID studyId, String studyInstanceUid,
		String departmentCode, String matchingAdded, String reason) implements AuditableEvent {

	@Override
	public String action() {
		return "UNMATCHED_STUDY_ASSIGNED";
	}

	@Override
	public AuditOutcome outcome() {
		return reason == null ? AuditOutcome.SUCCESS : AuditOutcome.DENIED;
	}

	@Override
	public Map<String, String> details() {
		Map<String, String> details = new LinkedHashMap<>();
		details.put("studyInstanceUid", studyInstanceUid);
		details.put("department", String.valueOf(departmentCode));
		details.put("matchingAdded", matchingAdded);
		if (reason != null) {
			details.put("reason", reason);
		}
		return details;
	}

}
