package org.studygate.study;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.Base64;
import java.util.UUID;

import org.studygate.InvalidInputException;

/**
 * Where a page of a newest-first list ends: the sort key of its last row. Opaque to
 * clients.
 */
public record StudyCursor(LocalDateTime performedAt, UUID id) {

	public String encode() {
		String raw = performedAt + "|" + id;
		return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
	}

	public static StudyCursor decode(String cursor) {
		try {
			String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
			int bar = raw.indexOf('|');
			return new StudyCursor(LocalDateTime.parse(raw.substring(0, bar)), UUID.fromString(raw.substring(bar + 1)));
		}
		catch (RuntimeException ex) {
			throw new InvalidInputException("after", "is not a cursor this service gave");
		}
	}

	public static StudyCursor after(StudySummary last) {
		return new StudyCursor(last.performedAt(), last.id().value());
	}

}
