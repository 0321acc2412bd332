package org.studygate.demo;

import java.io.IOException;
import java.io.StringReader;
import java.sql.SQLException;

import org.postgresql.copy.CopyManager;

/** Rows in the text format of {@code COPY}: tab-separated, {@code \N} for null. */
final class CopyRows {

	private final StringBuilder text = new StringBuilder(1 << 20);

	private int count;

	void row(Object... values) {
		for (int i = 0; i < values.length; i++) {
			if (i > 0) {
				text.append('\t');
			}
			Object value = values[i];
			if (value == null) {
				text.append("\\N");
			}
			else {
				String string = value.toString();
				for (int c = 0; c < string.length(); c++) {
					char ch = string.charAt(c);
					switch (ch) {
						case '\\' -> text.append("\\\\");
						case '\t' -> text.append("\\t");
						case '\n' -> text.append("\\n");
						case '\r' -> text.append("\\r");
						default -> text.append(ch);
					}
				}
			}
		}
		text.append('\n');
		count++;
	}

	boolean isEmpty() {
		return count == 0;
	}

	String text() {
		return text.toString();
	}

	/**
	 * Writes the rows into the table's columns, e.g. {@code "study.patient (id, name)"};
	 * nothing when empty.
	 */
	void copyInto(CopyManager copy, String target) throws SQLException, IOException {
		if (isEmpty()) {
			return;
		}
		copy.copyIn("copy " + target + " from stdin", new StringReader(text()), 1 << 16);
	}

}
