package org.studygate.audit;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

import tools.jackson.core.io.JsonStringEncoder;

/**
 * Entries as the rows of one {@code COPY audit.entry … FROM STDIN (FORMAT binary)}
 * (decisions 068 and 082): per row the number of columns, then each column as its length
 * in bytes ({@code -1} for null) and its value in PostgreSQL's binary form — the time as
 * microseconds since 2000-01-01 UTC, texts as UTF-8, the study as its 16 bytes, the
 * details as jsonb (a version byte and the JSON object sorted by key, strings escaped by
 * Jackson's encoder), the content hash as its bytes. Nothing is escaped and the server
 * parses no time, UUID or hex text. The columns are those of {@link #COPY}; the database
 * fills in the id and the inserting transaction.
 */
final class EntryRows {

	static final String COPY = "copy audit.entry (at, actor_kind, actor_id, actor_name, channel, action, outcome, "
			+ "study_id, client_ip, user_agent, details, entry_hash) from stdin (format binary)";

	private static final short COLUMNS = 12;

	/** The binary COPY signature, then no flags and no header extension. */
	private static final byte[] HEADER = { 'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0, 0, 0, 0, 0,
			0, 0, 0, 0 };

	/** PostgreSQL's epoch, 2000-01-01T00:00:00Z, in seconds since Java's. */
	private static final long POSTGRES_EPOCH = 946_684_800L;

	private static final byte JSONB_VERSION = 1;

	private static final JsonStringEncoder JSON = JsonStringEncoder.getInstance();

	private EntryRows() {
	}

	/** The binary COPY data of the entries: header, one tuple each, trailer. */
	static byte[] of(List<AuditEntry> entries) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + entries.size() * 360);
		DataOutputStream rows = new DataOutputStream(bytes);
		try {
			rows.write(HEADER);
			for (AuditEntry entry : entries) {
				append(rows, entry);
			}
			rows.writeShort(-1);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("a byte array cannot fail", ex);
		}
		return bytes.toByteArray();
	}

	private static void append(DataOutputStream rows, AuditEntry entry) throws IOException {
		SortedMap<String, String> details = new TreeMap<>(entry.details());
		rows.writeShort(COLUMNS);
		rows.writeInt(8);
		rows.writeLong(micros(entry.at()));
		text(rows, entry.actorKind());
		text(rows, entry.actorId());
		text(rows, entry.actorName());
		text(rows, entry.channel());
		text(rows, entry.action());
		text(rows, entry.outcome());
		uuid(rows, entry.studyId());
		text(rows, entry.clientIp());
		text(rows, entry.userAgent());
		byte[] json = sortedJson(details).getBytes(StandardCharsets.UTF_8);
		rows.writeInt(json.length + 1);
		rows.writeByte(JSONB_VERSION);
		rows.write(json);
		byte[] hash = EntryHash.of(entry, details);
		rows.writeInt(hash.length);
		rows.write(hash);
	}

	/** Microseconds since PostgreSQL's epoch (the instant is already cut to them). */
	static long micros(Instant at) {
		return Math.addExact(Math.multiplyExact(at.getEpochSecond() - POSTGRES_EPOCH, 1_000_000L), at.getNano() / 1000);
	}

	private static void text(DataOutputStream rows, String value) throws IOException {
		if (value == null) {
			rows.writeInt(-1);
			return;
		}
		byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
		rows.writeInt(utf8.length);
		rows.write(utf8);
	}

	private static void uuid(DataOutputStream rows, UUID value) throws IOException {
		if (value == null) {
			rows.writeInt(-1);
			return;
		}
		rows.writeInt(16);
		rows.writeLong(value.getMostSignificantBits());
		rows.writeLong(value.getLeastSignificantBits());
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

}
