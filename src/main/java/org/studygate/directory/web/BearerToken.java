package org.studygate.directory.web;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The bearer token a request came with, to name the caller's own token; {@code null} when
 * none.
 */
final class BearerToken {

	private BearerToken() {
	}

	static String of(HttpServletRequest request) {
		String header = request.getHeader("Authorization");
		return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : null;
	}

}
