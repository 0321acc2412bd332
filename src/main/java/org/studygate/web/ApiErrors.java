package org.studygate.web;

import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.studygate.ConflictException;
import org.studygate.InvalidInputException;
import org.studygate.NotFoundException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Errors of the REST API as ProblemDetail. The detail is written here, never taken from
 * an exception of a library, so that no internal text reaches a client.
 */
@RestControllerAdvice(annotations = org.springframework.web.bind.annotation.RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiErrors {

	private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

	@ExceptionHandler
	ProblemDetail invalid(InvalidInputException ex, HttpServletRequest request) {
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid request", ex.field() + " " + ex.getMessage(),
				request);
		problem.setProperty("field", ex.field());
		return problem;
	}

	@ExceptionHandler
	ProblemDetail unreadable(HttpMessageNotReadableException ex, HttpServletRequest request) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof InvalidInputException invalid) {
				return invalid(invalid, request);
			}
			if (cause instanceof RequestBodyLimit.TooLarge) {
				return problem(HttpStatus.CONTENT_TOO_LARGE, RequestBodyLimit.TITLE, RequestBodyLimit.DETAIL, request);
			}
		}
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof tools.jackson.databind.DatabindException databind && !databind.getPath().isEmpty()) {
				String field = fieldPath(databind);
				ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid request",
						"the field " + field + " has a value of the wrong type or format", request);
				problem.setProperty("field", field);
				return problem;
			}
		}
		return problem(HttpStatus.BAD_REQUEST, "Invalid request",
				"the body is not well-formed JSON of the expected shape", request);
	}

	private static String fieldPath(tools.jackson.databind.DatabindException ex) {
		StringBuilder path = new StringBuilder();
		for (var reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				if (!path.isEmpty()) {
					path.append('.');
				}
				path.append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.toString();
	}

	@ExceptionHandler
	ProblemDetail typeMismatch(MethodArgumentTypeMismatchException ex, HttpServletRequest request) {
		if (IdentifierConverters.isIdentifier(ex.getRequiredType())) {
			return notFound(new NotFoundException(ex.getName()), request);
		}
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid request",
				ex.getName() + " has a value of the wrong format", request);
		problem.setProperty("field", ex.getName());
		return problem;
	}

	@ExceptionHandler
	ProblemDetail missing(MissingServletRequestParameterException ex, HttpServletRequest request) {
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid request",
				ex.getParameterName() + " is required", request);
		problem.setProperty("field", ex.getParameterName());
		return problem;
	}

	@ExceptionHandler
	ProblemDetail notFound(NotFoundException ex, HttpServletRequest request) {
		return problem(HttpStatus.NOT_FOUND, "Not found", "Nothing you may see has this identifier.", request);
	}

	@ExceptionHandler
	ProblemDetail noResource(NoResourceFoundException ex, HttpServletRequest request) {
		return problem(HttpStatus.NOT_FOUND, "Not found", "No such resource.", request);
	}

	@ExceptionHandler
	ProblemDetail conflict(ConflictException ex, HttpServletRequest request) {
		return problem(HttpStatus.CONFLICT, "Conflict", ex.getMessage(), request);
	}

	/**
	 * A restricted study that its entitled user has not unlocked (decision 060): the
	 * break-the-glass problem type and the unlock link, on the API and the DICOMweb
	 * gateway alike.
	 */
	@ExceptionHandler
	ProblemDetail unlockRequired(org.studygate.UnlockRequiredException ex, HttpServletRequest request) {
		ProblemDetail problem = problem(HttpStatus.FORBIDDEN, "Unlock required",
				"The study is restricted: unlock it with a purpose and a reason first.", request);
		problem.setType(org.studygate.UnlockRequiredException.TYPE);
		problem.setProperty("unlock", ex.unlockPath());
		return problem;
	}

	@ExceptionHandler
	ProblemDetail denied(AccessDeniedException ex, HttpServletRequest request) {
		return problem(HttpStatus.FORBIDDEN, "Forbidden", "You may not do this.", request);
	}

	@ExceptionHandler
	ProblemDetail method(HttpRequestMethodNotSupportedException ex, HttpServletRequest request) {
		return problem(HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed",
				"This resource does not take " + ex.getMethod() + ".", request);
	}

	@ExceptionHandler
	ProblemDetail mediaType(HttpMediaTypeNotSupportedException ex, HttpServletRequest request) {
		return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type", "Send application/json.", request);
	}

	/**
	 * The database cannot be reached (decision 046): 503 with {@code Retry-After}, no
	 * driver text. What Spring throws then: a connection the pool could not give
	 * ({@code CannotGetJdbcConnectionException}), a transaction that could not begin
	 * ({@code CannotCreateTransactionException} around Hikari's
	 * {@code SQLTransientConnectionException}), a connection the server dropped.
	 */
	@ExceptionHandler({ DataAccessResourceFailureException.class, TransientDataAccessResourceException.class,
			CannotCreateTransactionException.class })
	ResponseEntity<ProblemDetail> unavailable(Exception ex, HttpServletRequest request) {
		return unexpected(ex, request);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> unexpected(Exception ex, HttpServletRequest request) {
		if (DatabaseOutage.causedBy(ex)) {
			log.warn("The database cannot be reached: {} {} answered 503 (correlation id {})", request.getMethod(),
					request.getRequestURI(), RequestContext.correlationId(request));
			return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
				.header(HttpHeaders.RETRY_AFTER, DatabaseOutage.RETRY_AFTER)
				.body(problem(HttpStatus.SERVICE_UNAVAILABLE, DatabaseOutage.TITLE, DatabaseOutage.DETAIL, request));
		}
		String id = RequestContext.correlationId(request);
		log.error("Unexpected error in {} {} (correlation id {})", request.getMethod(), request.getRequestURI(), id,
				ex);
		return ResponseEntity.internalServerError()
			.body(problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
					"Something went wrong on our side. Quote the correlation id when you report it.", request));
	}

	static ProblemDetail problem(HttpStatus status, String title, String detail, HttpServletRequest request) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		problem.setInstance(URI.create(request.getRequestURI()));
		problem.setProperty("correlationId", RequestContext.correlationId(request));
		return problem;
	}

}
