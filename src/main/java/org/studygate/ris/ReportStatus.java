package org.studygate.ris;

import java.util.Optional;

/** A report's result status (OBR-25): P, F, C or X. */
public enum ReportStatus {

	PRELIMINARY("P"), FINAL("F"), CORRECTED("C"), CANCELLED("X");

	private final String code;

	ReportStatus(String code) {
		this.code = code;
	}

	static Optional<ReportStatus> ofCode(String code) {
		for (ReportStatus status : values()) {
			if (status.code.equalsIgnoreCase(code == null ? "" : code.strip())) {
				return Optional.of(status);
			}
		}
		return Optional.empty();
	}

}
