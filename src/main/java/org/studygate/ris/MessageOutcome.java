package org.studygate.ris;

/**
 * What became of a received message: applied ({@code AA}), understood but not applicable
 * ({@code AE}), or not parseable ({@code AR}).
 */
public enum MessageOutcome {

	APPLIED("AA"), ERROR("AE"), REJECTED("AR");

	private final String ackCode;

	MessageOutcome(String ackCode) {
		this.ackCode = ackCode;
	}

	/** The acknowledgment code (MSA-1) the sender gets. */
	public String ackCode() {
		return ackCode;
	}

}
