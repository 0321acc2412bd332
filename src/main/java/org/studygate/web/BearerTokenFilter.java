package org.studygate.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.studygate.directory.ApiTokens;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates API requests that carry {@code Authorization: Bearer <token>}. The token
 * and the actor its user acts as are read in one query and the actor kept for this
 * request only ({@link CurrentActor}; docs/decisions/076-gateway-in-two-queries.md).
 */
class BearerTokenFilter extends OncePerRequestFilter {

	private final ApiTokens tokens;

	BearerTokenFilter(ApiTokens tokens) {
		this.tokens = tokens;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader("Authorization");
		if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
			tokens.resolveWithActor(header.substring(7).trim()).ifPresent(resolved -> {
				SecurityContextHolder.getContext()
					.setAuthentication(StaffAuthenticationProvider.authenticated(resolved.principal()));
				CurrentActor.remember(request, resolved.principal(), resolved.actor());
			});
		}
		chain.doFilter(request, response);
	}

}
