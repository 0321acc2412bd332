package org.studygate.web;

import java.io.IOException;
import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/** Writes a ProblemDetail outside of Spring MVC (security filters). */
@Component
class ProblemWriter {

	private final JsonMapper json;

	ProblemWriter(JsonMapper json) {
		this.json = json;
	}

	void write(HttpServletRequest request, HttpServletResponse response, int status, String title, String detail)
			throws IOException {
		write(request, response, status, title, detail, request.getRequestURI());
	}

	void write(HttpServletRequest request, HttpServletResponse response, int status, String title, String detail,
			String instance) throws IOException {
		ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.valueOf(status));
		problem.setTitle(title);
		problem.setDetail(detail);
		problem.setInstance(URI.create(instance));
		problem.setProperty("correlationId", RequestContext.correlationId(request));
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.getWriter().write(json.writeValueAsString(problem));
	}

}
