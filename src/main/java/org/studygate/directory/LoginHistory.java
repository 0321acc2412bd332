package org.studygate.directory;

import java.time.Instant;
import java.util.List;

/**
 * One page of a staff user's own login attempts, newest first, so that he can spot a
 * login that was not his (docs/product/05-workflows.md: time, IP, outcome).
 *
 * @param entries the attempts on this page
 * @param page the page number, from 0
 * @param more whether older attempts follow
 */
public record LoginHistory(List<Entry> entries, int page, boolean more) {

	public static final int PAGE_SIZE = 50;

	public LoginHistory {
		entries = List.copyOf(entries);
	}

	/** One attempt; the client address is {@code null} when it was not known. */
	public record Entry(Instant at, String clientIp, LoginChannel channel, LoginOutcome outcome, String provider) {

	}

}
