package org.studygate;

import java.net.URI;
import java.util.UUID;

import org.springframework.security.access.AccessDeniedException;

/**
 * The study is restricted and the actor, entitled to it, has not unlocked it
 * (docs/decisions/060-exclusions-and-restricted-studies.md): answered with 403, the
 * break-the-glass problem type on the API and the unlock page in the UI.
 */
public class UnlockRequiredException extends AccessDeniedException {

	/** The problem type of the refusal on the API and the DICOMweb gateway. */
	public static final URI TYPE = URI.create("https://studygate.org/problems/break-the-glass-possible");

	private final UUID studyId;

	public UnlockRequiredException(UUID studyId) {
		super("the study is restricted: unlock it first");
		this.studyId = studyId;
	}

	public UUID studyId() {
		return studyId;
	}

	/** Where the API unlocks the study. */
	public String unlockPath() {
		return "/api/v1/studies/" + studyId + "/unlock";
	}

}
