package org.studygate.archive;

/** The archive did not answer (down, unreachable, too slow) or is not configured. */
public class ArchiveUnavailableException extends RuntimeException {

	public ArchiveUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
