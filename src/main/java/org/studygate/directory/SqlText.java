package org.studygate.directory;

/** How the directory's stores write text into SQL parameters. */
final class SqlText {

	private SqlText() {
	}

	/** {@code null} for a missing or blank value, the value stripped otherwise. */
	static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

	/** The value with the wildcards of {@code like} escaped, to be matched literally. */
	static String escapeLike(String value) {
		return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

}
