package org.studygate.web;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a session four hours after it began, however active it was
 * (docs/product/05-workflows.md: sessions end after 30 minutes idle or 4 hours). The idle
 * limit is the session store's own timeout; this filter adds the absolute one, before the
 * security context is read from the session.
 */
class AbsoluteSessionLimit extends OncePerRequestFilter {

	static final Duration LIMIT = Duration.ofHours(4);

	private static final Logger log = LoggerFactory.getLogger(AbsoluteSessionLimit.class);

	private final Clock clock;

	AbsoluteSessionLimit(Clock clock) {
		this.clock = clock;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		HttpSession session = request.getSession(false);
		if (session != null && Instant.ofEpochMilli(session.getCreationTime()).plus(LIMIT).isBefore(clock.instant())) {
			log.info("Session ended: it began more than {} ago", LIMIT);
			session.invalidate();
		}
		chain.doFilter(request, response);
	}

}
