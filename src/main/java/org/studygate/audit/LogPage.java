package org.studygate.audit;

import java.util.List;

/**
 * A page of log entries, newest first.
 *
 * @param next the cursor of the next (older) page, {@code null} on the last
 */
public record LogPage(List<AuditEntry> items, String next) {

	public LogPage {
		items = List.copyOf(items);
	}

}
