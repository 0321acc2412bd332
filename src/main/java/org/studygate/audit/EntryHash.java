package org.studygate.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The SHA-256 of an entry's canonical content: every field, in a fixed order, each
 * written as its length and its text (or a marker for null), details sorted by key.
 * Length prefixes make two different entries never share a canonical form
 * ({@code "ab"+"c"} is not {@code "a"+"bc"}). The writer computes it when it inserts the
 * row; verification computes it again from the stored row.
 */
final class EntryHash {

	static final int SIZE = 32;

	private static final MessageDigest SHA256 = prototype();

	private EntryHash() {
	}

	static byte[] of(AuditEntry entry) {
		return of(entry, new TreeMap<>(entry.details()));
	}

	/** The hash of an entry whose details the caller has already sorted by key. */
	static byte[] of(AuditEntry entry, SortedMap<String, String> details) {
		StringBuilder canonical = new StringBuilder(256);
		long micros = Math.multiplyExact(entry.at().getEpochSecond(), 1_000_000L) + entry.at().getNano() / 1000;
		field(canonical, Long.toString(micros));
		field(canonical, entry.actorKind());
		field(canonical, entry.actorId());
		field(canonical, entry.actorName());
		field(canonical, entry.channel());
		field(canonical, entry.action());
		field(canonical, entry.outcome());
		field(canonical, entry.studyId() == null ? null : entry.studyId().toString());
		field(canonical, entry.clientIp());
		field(canonical, entry.userAgent());
		field(canonical, Integer.toString(details.size()));
		details.forEach((key, value) -> {
			field(canonical, key);
			field(canonical, value);
		});
		return sha256().digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The next link of the chain: SHA-256 of the previous link's hash and the entry's
	 * hash.
	 */
	static byte[] link(byte[] previous, byte[] entryHash) {
		MessageDigest digest = sha256();
		digest.update(previous);
		digest.update(entryHash);
		return digest.digest();
	}

	/** The predecessor of the first link. */
	static byte[] genesis() {
		return new byte[SIZE];
	}

	private static void field(StringBuilder canonical, String value) {
		if (value == null) {
			canonical.append("-;");
		}
		else {
			canonical.append(value.length()).append(':').append(value).append(';');
		}
	}

	/** A copy of one prepared digest: cheaper than looking the algorithm up each time. */
	private static MessageDigest sha256() {
		try {
			return (MessageDigest) SHA256.clone();
		}
		catch (CloneNotSupportedException ex) {
			return prototype();
		}
	}

	private static MessageDigest prototype() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every Java runtime", ex);
		}
	}

}
