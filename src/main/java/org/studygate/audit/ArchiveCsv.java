package org.studygate.audit;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * The CSV of an archived month (docs/guide/access-log.md#retention): RFC 4180, UTF-8, one
 * row per entry in chain order, with its link, so that the file can be checked against
 * the chain and read back exactly. Unlike the export of the log's pages it keeps every
 * value recoverable: a null cell is empty and unquoted, an empty text is {@code ""}, and
 * the apostrophe that keeps a spreadsheet from running a cell as a formula (as in
 * {@link CsvCells}) is also put before a value that starts with an apostrophe, so that
 * reading removes exactly one.
 */
final class ArchiveCsv {

	static final List<String> HEADER = List.of("seq", "linkHash", "entryHash", "id", "at", "actorKind", "actorId",
			"actorName", "channel", "action", "outcome", "studyId", "clientIp", "userAgent", "details");

	private ArchiveCsv() {
	}

	static String header() {
		return String.join(",", HEADER) + "\r\n";
	}

	static String row(List<String> cells) {
		StringBuilder row = new StringBuilder(256);
		for (int i = 0; i < cells.size(); i++) {
			if (i > 0) {
				row.append(',');
			}
			String value = cells.get(i);
			if (value != null) {
				String safe = !value.isEmpty() && "=+-@\t\r'".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
				row.append('"').append(safe.replace("\"", "\"\"")).append('"');
			}
		}
		return row.append("\r\n").toString();
	}

	/**
	 * The next row's cells, {@code null} at the end of the input (the header is read as a
	 * line before).
	 */
	static List<String> read(Reader in) throws IOException {
		List<String> cells = new ArrayList<>();
		StringBuilder cell = new StringBuilder();
		boolean quoted = false;
		boolean inQuotes = false;
		int c = in.read();
		if (c < 0) {
			return null;
		}
		while (true) {
			if (inQuotes) {
				if (c < 0) {
					throw new IOException("unterminated quoted cell");
				}
				if (c == '"') {
					int next = in.read();
					if (next == '"') {
						cell.append('"');
					}
					else {
						inQuotes = false;
						c = next;
						continue;
					}
				}
				else {
					cell.append((char) c);
				}
			}
			else if (c == '"') {
				inQuotes = true;
				quoted = true;
			}
			else if (c == ',' || c == '\n' || c < 0) {
				cells.add(quoted ? unprotect(cell.toString()) : null);
				cell.setLength(0);
				quoted = false;
				if (c != ',') {
					return cells;
				}
			}
			else if (c != '\r') {
				throw new IOException("text outside quotes");
			}
			c = in.read();
		}
	}

	private static String unprotect(String value) {
		return value.startsWith("'") ? value.substring(1) : value;
	}

}
