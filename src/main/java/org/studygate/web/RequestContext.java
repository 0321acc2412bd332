package org.studygate.web;

import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.studygate.audit.AuditContext;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives each request a correlation id (taken from {@code X-Correlation-Id} when it is
 * well formed), returns it in the answer, puts it in every log line, and writes one line
 * per request. Binds the request's channel, client address and user agent for the access
 * log ({@link AuditContext}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestContext extends OncePerRequestFilter {

	static final String HEADER = "X-Correlation-Id";

	static final String ATTRIBUTE = RequestContext.class.getName() + ".correlationId";

	private static final Pattern WELL_FORMED = Pattern.compile("^[A-Za-z0-9-]{8,64}$");

	private static final Logger log = LoggerFactory.getLogger("org.studygate.request");

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String given = request.getHeader(HEADER);
		String id = given != null && WELL_FORMED.matcher(given).matches() ? given : UUID.randomUUID().toString();
		request.setAttribute(ATTRIBUTE, id);
		response.setHeader(HEADER, id);
		MDC.put("cid", id);
		long start = System.nanoTime();
		try (AuditContext.Binding binding = AuditContext.bind(
				new AuditContext.Request(channel(request), request.getRemoteAddr(), request.getHeader("User-Agent")))) {
			chain.doFilter(request, response);
		}
		finally {
			long millis = (System.nanoTime() - start) / 1_000_000;
			log.info("{} {} {} {}ms", request.getMethod(), request.getRequestURI(), response.getStatus(), millis);
			MDC.remove("cid");
		}
	}

	/**
	 * The access log's channel (docs/product/02-domain.md) of a request, by the surface
	 * it addresses.
	 */
	static String channel(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (path.startsWith("/api/") || path.startsWith("/fhir/")) {
			return "API";
		}
		if (path.startsWith("/dicomweb")) {
			return "DICOMWEB";
		}
		if (path.startsWith("/viewer")) {
			return "VIEWER";
		}
		if (path.startsWith("/patient")) {
			return "PATIENT_PORTAL";
		}
		return "EXPLORE";
	}

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return true;
	}

	/** The correlation id of the current request. */
	static String correlationId(HttpServletRequest request) {
		Object id = request.getAttribute(ATTRIBUTE);
		return id == null ? MDC.get("cid") : id.toString();
	}

	static String currentUserAgent() {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			return attributes.getRequest().getHeader("User-Agent");
		}
		return null;
	}

	static String currentClientIp() {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			return attributes.getRequest().getRemoteAddr();
		}
		return null;
	}

}
