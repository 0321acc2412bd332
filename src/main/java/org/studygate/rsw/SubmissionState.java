package org.studygate.rsw;

/**
 * Where a study's publication stands (docs/product/02-domain.md). {@code SENDING} is a
 * {@code QUEUED} submission that a worker holds under a lease; the status shows it as
 * queued.
 */
public enum SubmissionState {

	NOT_SENT, QUEUED, SENDING, SENT, FAILED

}
