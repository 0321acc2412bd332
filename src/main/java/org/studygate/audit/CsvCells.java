package org.studygate.audit;

import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * CSV cells that neither break the row nor run as a formula when the file is opened in a
 * spreadsheet: a cell starting with {@code = + - @}, a tab or a carriage return gets a
 * leading apostrophe (OWASP's advice on CSV injection), then every cell is quoted.
 */
final class CsvCells {

	private CsvCells() {
	}

	static String row(String... cells) {
		StringJoiner row = new StringJoiner(",", "", "\r\n");
		for (String cell : cells) {
			row.add(cell(cell));
		}
		return row.toString();
	}

	static String cell(String value) {
		if (value == null || value.isEmpty()) {
			return "";
		}
		String safe = "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
		return '"' + safe.replace("\"", "\"\"") + '"';
	}

	static String details(Map<String, String> details) {
		StringJoiner joined = new StringJoiner("; ");
		new TreeMap<>(details).forEach((key, value) -> joined.add(key + "=" + value));
		return joined.toString();
	}

}
