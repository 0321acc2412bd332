package org.studygate.study;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A registered study with what access decisions and the Study tab need.
 *
 * @param departmentId the sending department
 * @param requesterNumber the physician number of the referring physician, {@code null}
 * when unknown
 * @param ccNumbers the physician numbers the study was copied to
 */
public record Study(StudyId id, String studyInstanceUid, String accessionNumber, UUID departmentId, LocalDate studyDate,
		LocalDateTime performedAt, String modality, String description, int seriesCount, int instanceCount,
		ReportStatus reportStatus, Instant reportAvailableAt, boolean paymentRequired, boolean paymentReceived,
		boolean cancelled, Instant registeredAt, Patient patient, Order order, String requesterNumber,
		Set<String> ccNumbers) {

	public Study {
		ccNumbers = ccNumbers == null ? Set.of() : Set.copyOf(ccNumbers);
	}

	/** The patient a study belongs to, as the department identifies him. */
	public record Patient(UUID id, String patientId, String name, LocalDate birthDate, String sex, String nationalId) {

		/** The name as people read it. */
		public String displayName() {
			return new PersonName(name).display();
		}

		/**
		 * The ideographic and phonetic forms of the name, for a hover text; {@code null}
		 * when it has none.
		 */
		public String otherNames() {
			List<String> others = new PersonName(name).otherGroups();
			return others.isEmpty() ? null : String.join(" · ", others);
		}

	}

	/** The order a study was made for. */
	public record Order(UUID id, String orderNumber) {

	}

	/**
	 * Whether the physician with one of these numbers requested the study or was copied.
	 */
	public boolean isRequestedByOrCopiedTo(Set<String> physicianNumbers) {
		return (requesterNumber != null && physicianNumbers.contains(requesterNumber))
				|| ccNumbers.stream().anyMatch(physicianNumbers::contains);
	}

}
