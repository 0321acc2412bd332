package org.studygate.audit;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import tools.jackson.core.io.JsonStringEncoder;

/**
 * Entries as the text rows of one {@code COPY audit.entry … FROM STDIN} (decision 068):
 * tab-separated columns, {@code \N} for null, backslash, tab, newline and carriage return
 * escaped, the details as a JSON object sorted by key (strings escaped by Jackson's
 * encoder), the content hash as bytea hex. The columns are those of {@link #COPY}; the
 * database fills in the id and the inserting transaction.
 */
final class EntryRows {

	static final String COPY = "copy audit.entry (at, actor_kind, actor_id, actor_name, channel, action, outcome, "
			+ "study_id, client_ip, user_agent, details, entry_hash) from stdin";

	private static final HexFormat HEX = HexFormat.of();

	private static final JsonStringEncoder JSON = JsonStringEncoder.getInstance();

	private EntryRows() {
	}

	/** The COPY text of the entries, UTF-8. */
	static byte[] of(List<AuditEntry> entries) {
		StringBuilder rows = new StringBuilder(entries.size() * 400);
		for (AuditEntry entry : entries) {
			append(rows, entry);
		}
		return rows.toString().getBytes(StandardCharsets.UTF_8);
	}

	private static void append(StringBuilder rows, AuditEntry entry) {
		SortedMap<String, String> details = new TreeMap<>(entry.details());
		rows.append(entry.at()).append('\t');
		column(rows, entry.actorKind());
		column(rows, entry.actorId());
		column(rows, entry.actorName());
		column(rows, entry.channel());
		column(rows, entry.action());
		column(rows, entry.outcome());
		column(rows, entry.studyId() == null ? null : entry.studyId().toString());
		column(rows, entry.clientIp());
		column(rows, entry.userAgent());
		column(rows, sortedJson(details));
		rows.append("\\\\x").append(HEX.formatHex(EntryHash.of(entry, details))).append('\n');
	}

	/** The details as a JSON object, keys in order (jsonb keeps its own order anyway). */
	static String json(Map<String, String> details) {
		return sortedJson(new TreeMap<>(details));
	}

	private static String sortedJson(SortedMap<String, String> details) {
		StringBuilder json = new StringBuilder(32 + details.size() * 32).append('{');
		boolean first = true;
		for (Map.Entry<String, String> detail : details.entrySet()) {
			if (!first) {
				json.append(',');
			}
			first = false;
			json.append('"');
			JSON.quoteAsString(detail.getKey(), json);
			json.append("\":\"");
			JSON.quoteAsString(detail.getValue(), json);
			json.append('"');
		}
		return json.append('}').toString();
	}

	private static void column(StringBuilder rows, String value) {
		if (value == null) {
			rows.append("\\N\t");
			return;
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '\\' -> rows.append("\\\\");
				case '\t' -> rows.append("\\t");
				case '\n' -> rows.append("\\n");
				case '\r' -> rows.append("\\r");
				default -> rows.append(c);
			}
		}
		rows.append('\t');
	}

}
