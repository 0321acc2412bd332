package org.studygate.study;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import org.studygate.audit.AuditActor;
import org.studygate.audit.AuditOutcome;
import org.studygate.audit.AuditableEvent;

/**
 * A department's admin entered the birth date of a study's patient that the archive's
 * header left empty (docs/guide/image-archive.md), or was refused it.
 *
 * @param reason why it was refused, {@code null} when it was entered
 */
public record BirthDateEntered(Instant occurredAt, AuditActor actor, StudyId id, LocalDate birthDate,
		String reason) implements AuditableEvent {

	@Override
	public String action() {
		return "BIRTH_DATE_ENTERED";
	}

	@Override
	public AuditOutcome outcome() {
		return reason == null ? AuditOutcome.SUCCESS : AuditOutcome.DENIED;
	}

	@Override
	public UUID studyId() {
		return id.value();
	}

	@Override
	public Map<String, String> details() {
		return reason == null ? Map.of("birthDate", birthDate.toString())
				: Map.of("birthDate", String.valueOf(birthDate), "reason", reason);
	}

}
