package org.studygate.bucket;

/** What the cross of the Buckets section does (docs/product/04-access-tab.md). */
public enum RemoveMode {

	/**
	 * Takes this one study out; the bucket's other studies stay reachable with the code.
	 */
	REMOVE_STUDY,
	/** Takes every study out and kills the code. */
	REMOVE_BUCKET

}
