package org.studygate.refcode;

import java.util.UUID;

/**
 * A code just made or received, in clear: shown once to whoever made it (the RIS's
 * answer, the page after regenerating) and never again except through a logged reveal.
 */
public record IssuedCode(UUID id, String code) {

	@Override
	public String toString() {
		return "IssuedCode[id=" + id + ", code=(hidden)]";
	}

}
