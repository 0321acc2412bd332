package org.studygate.bucket;

/**
 * How a bucket came to be: a printed reference number, or a share to a person without an
 * account.
 */
public enum BucketKind {

	PRINTED, SHARED

}
