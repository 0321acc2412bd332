package org.studygate.archive;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.studygate.audit.AuditActor;
import org.studygate.audit.AuditOutcome;
import org.studygate.audit.AuditableEvent;
import org.studygate.study.StudyId;

/**
 * A study's images arrived in the archive for the first time, whether or not a RIS
 * registered the study before. Published once per study; department rules (reference
 * numbers on arrival, RSW publication) listen to it after commit.
 *
 * @param departmentId the department the study belongs to
 * @param createdByArchive whether the archive's arrival registered the study (no RIS did
 * before)
 */
public record StudyArrived(Instant occurredAt, AuditActor actor, StudyId id, String studyInstanceUid, UUID departmentId,
		String accessionNumber, int seriesCount, int instanceCount,
		boolean createdByArchive) implements AuditableEvent {

	@Override
	public String action() {
		return "STUDY_ARRIVED";
	}

	@Override
	public AuditOutcome outcome() {
		return AuditOutcome.SUCCESS;
	}

	@Override
	public UUID studyId() {
		return id.value();
	}

	@Override
	public Map<String, String> details() {
		return Map.of("studyInstanceUid", studyInstanceUid, "series", Integer.toString(seriesCount), "instances",
				Integer.toString(instanceCount));
	}

}
