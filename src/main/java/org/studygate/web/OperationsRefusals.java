package org.studygate.web;

import java.io.IOException;
import java.time.Clock;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.studygate.directory.Actor;
import org.studygate.directory.Directory;
import org.studygate.directory.StaffPrincipal;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Refuses a signed-in user an operations endpoint with 403, and logs who tried (decision
 * 035).
 */
class OperationsRefusals implements AccessDeniedHandler {

	private final ProblemWriter problems;

	private final Directory directory;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	OperationsRefusals(ProblemWriter problems, Directory directory, ApplicationEventPublisher events, Clock clock) {
		this.problems = problems;
		this.directory = directory;
		this.events = events;
		this.clock = clock;
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
			throws IOException {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication != null && authentication.getPrincipal() instanceof StaffPrincipal principal) {
			directory.actorOf(principal.userId())
				.map(Actor::asAuditActor)
				.ifPresent(actor -> events
					.publishEvent(new OperationsRefused(clock.instant(), actor, request.getRequestURI().length() > 200
							? request.getRequestURI().substring(0, 200) : request.getRequestURI())));
		}
		problems.write(request, response, HttpServletResponse.SC_FORBIDDEN, "Forbidden", "You may not do this.");
	}

}
