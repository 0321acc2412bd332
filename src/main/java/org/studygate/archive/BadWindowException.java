package org.studygate.archive;

/**
 * A rendered image was asked for with a window that is not two numbers within bounds and
 * a known function (docs/guide/viewer.md).
 */
public class BadWindowException extends RuntimeException {

	BadWindowException() {
		super("The window must be center,width[,linear|linear-exact|sigmoid] with numbers up to "
				+ (long) WindowPresets.LIMIT + " and a width of at least 1.");
	}

}
