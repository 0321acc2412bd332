package org.studygate.access;

/** What a grant opens of a study, narrowest first (docs/product/02-domain.md). */
public enum GrantScope {

	/** The images only. */
	IMAGES,
	/** The images and the report, to read. */
	IMAGES_REPORT_READ,
	/** The images and the report, to read and to amend. */
	IMAGES_REPORT_WRITE;

	public boolean includesReport() {
		return this != IMAGES;
	}

	/** The wider of two scopes: the merge rule of repeated grants. */
	public GrantScope widest(GrantScope other) {
		return other.ordinal() > ordinal() ? other : this;
	}

}
