package org.studygate.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
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
 * fills in the id and the inserting transaction. The rows are written straight into one
 * growing byte array (no stream, whose every write takes a lock; decision 088).
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
		Rows rows = new Rows(64 + entries.size() * 320);
		rows.bytes(HEADER);
		for (AuditEntry entry : entries) {
			append(rows, entry);
		}
		rows.putShort((short) -1);
		return rows.toArray();
	}

	private static void append(Rows rows, AuditEntry entry) {
		SortedMap<String, String> details = new TreeMap<>(entry.details());
		rows.putShort(COLUMNS);
		rows.putInt(8);
		rows.putLong(micros(entry.at()));
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
		rows.putInt(json.length + 1);
		rows.putByte(JSONB_VERSION);
		rows.bytes(json);
		byte[] hash = EntryHash.of(entry, details);
		rows.putInt(hash.length);
		rows.bytes(hash);
	}

	/** Microseconds since PostgreSQL's epoch (the instant is already cut to them). */
	static long micros(Instant at) {
		return Math.addExact(Math.multiplyExact(at.getEpochSecond() - POSTGRES_EPOCH, 1_000_000L), at.getNano() / 1000);
	}

	private static void text(Rows rows, String value) {
		if (value == null) {
			rows.putInt(-1);
			return;
		}
		byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
		rows.putInt(utf8.length);
		rows.bytes(utf8);
	}

	private static void uuid(Rows rows, UUID value) {
		if (value == null) {
			rows.putInt(-1);
			return;
		}
		rows.putInt(16);
		rows.putLong(value.getMostSignificantBits());
		rows.putLong(value.getLeastSignificantBits());
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

	/**
	 * A byte array that grows as needed; numbers in network byte order, byte by byte
	 * (cheap before the compiler has seen them too, unlike a view handle).
	 */
	private static final class Rows {

		private byte[] bytes;

		private int size;

		Rows(int capacity) {
			this.bytes = new byte[capacity];
		}

		void putByte(byte value) {
			room(1);
			this.bytes[this.size++] = value;
		}

		void putShort(short value) {
			room(2);
			this.bytes[this.size++] = (byte) (value >>> 8);
			this.bytes[this.size++] = (byte) value;
		}

		void putInt(int value) {
			room(4);
			for (int shift = 24; shift >= 0; shift -= 8) {
				this.bytes[this.size++] = (byte) (value >>> shift);
			}
		}

		void putLong(long value) {
			room(8);
			for (int shift = 56; shift >= 0; shift -= 8) {
				this.bytes[this.size++] = (byte) (value >>> shift);
			}
		}

		void bytes(byte[] value) {
			room(value.length);
			System.arraycopy(value, 0, this.bytes, this.size, value.length);
			this.size += value.length;
		}

		byte[] toArray() {
			return this.size == this.bytes.length ? this.bytes : Arrays.copyOf(this.bytes, this.size);
		}

		private void room(int more) {
			if (this.size + more > this.bytes.length) {
				this.bytes = Arrays.copyOf(this.bytes, Math.max(this.bytes.length * 2, this.size + more));
			}
		}

	}

}
