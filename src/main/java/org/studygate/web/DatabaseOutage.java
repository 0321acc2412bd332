package org.studygate.web;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Collections;
import java.util.Enumeration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A request that failed because the database cannot be reached is answered 503 with a
 * {@code Retry-After}, in the project's own words and without the driver's text (decision
 * 046). The controllers' failures are answered by {@link ApiErrors} and
 * {@link PageErrors}; this filter, in front of the session and security filters, answers
 * those that fail before a controller runs (loading a page session or an API token).
 * Pages are forwarded to the error page without their session, so that rendering it does
 * not need the database either.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class DatabaseOutage extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(DatabaseOutage.class);

	/** Set on a request answered as an outage: its error page shows no logged-in user. */
	static final String ATTRIBUTE = DatabaseOutage.class.getName();

	/** Seconds a client is asked to wait before trying again. */
	static final String RETRY_AFTER = "5";

	static final String TITLE = "Service unavailable";

	static final String DETAIL = "The service is briefly unavailable. Try again in a few seconds.";

	private final ProblemWriter problems;

	/**
	 * Takes the mapper rather than the writer bean, so that web slices of one controller
	 * start too.
	 */
	DatabaseOutage(JsonMapper json) {
		this.problems = new ProblemWriter(json);
	}

	/**
	 * Whether a failure means the database cannot be reached: what Spring makes of a
	 * connection the pool cannot give or the server dropped ({@code 08} SQL states), also
	 * when another exception wraps it (a transaction that could not begin, a session that
	 * could not be read, a commit cut off whose rollback failed on the closed
	 * connection).
	 */
	static boolean causedBy(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof DataAccessResourceFailureException
					|| cause instanceof TransientDataAccessResourceException
					|| cause instanceof SQLTransientConnectionException
					|| cause instanceof SQLNonTransientConnectionException) {
				return true;
			}
			if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
				return true;
			}
			// a commit or rollback that failed on the JDBC connection itself, beyond what
			// Spring translates: a commit the server cut off, then the rollback on the
			// connection the pool had closed meanwhile ("Connection is closed", no state)
			if (cause instanceof TransactionSystemException && cause.getCause() instanceof SQLException) {
				return true;
			}
		}
		return false;
	}

	/** Marks the request and sets the answer's status and {@code Retry-After}. */
	static void mark(HttpServletRequest request, HttpServletResponse response) {
		request.setAttribute(ATTRIBUTE, Boolean.TRUE);
		response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
		response.setHeader("Retry-After", RETRY_AFTER);
	}

	static boolean marked(HttpServletRequest request) {
		return request != null && Boolean.TRUE.equals(request.getAttribute(ATTRIBUTE));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		catch (ServletException | IOException | RuntimeException ex) {
			if (!causedBy(ex) || response.isCommitted()) {
				throw ex;
			}
			log.warn("The database cannot be reached: {} {} answered 503 (correlation id {})", request.getMethod(),
					request.getRequestURI(), RequestContext.correlationId(request));
			answer(request, response);
		}
	}

	private void answer(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
		response.reset();
		response.setHeader(RequestContext.HEADER, RequestContext.correlationId(request));
		mark(request, response);
		if (PageErrors.isApiPath(request, request.getRequestURI())) {
			problems.write(request, response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, TITLE, DETAIL);
			return;
		}
		request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, HttpServletResponse.SC_SERVICE_UNAVAILABLE);
		request.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, request.getRequestURI());
		request.getRequestDispatcher("/error").forward(new WithoutSession(request), response);
	}

	/**
	 * The request as the error page sees it: without its session cookie, session or
	 * bearer token, so that no filter reads them from the database.
	 */
	static final class WithoutSession extends HttpServletRequestWrapper {

		WithoutSession(HttpServletRequest request) {
			super(request);
		}

		@Override
		public Cookie[] getCookies() {
			return new Cookie[0];
		}

		@Override
		public String getHeader(String name) {
			return hidden(name) ? null : super.getHeader(name);
		}

		@Override
		public Enumeration<String> getHeaders(String name) {
			return hidden(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
		}

		private static boolean hidden(String name) {
			return "Cookie".equalsIgnoreCase(name) || "Authorization".equalsIgnoreCase(name);
		}

	}

}
