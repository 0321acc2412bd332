package org.studygate.directory;

import java.util.List;

/**
 * One page of users, by name.
 *
 * @param next the cursor of the next page, {@code null} on the last
 */
public record UserPage(List<UserView> items, String next) {

	public UserPage {
		items = List.copyOf(items);
	}

}
