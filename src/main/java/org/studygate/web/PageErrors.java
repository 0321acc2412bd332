package org.studygate.web;

import java.io.IOException;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.studygate.ConflictException;
import org.studygate.InvalidInputException;
import org.studygate.NotFoundException;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Friendly error pages with the correlation id and no internal text. Also answers the
 * container's error dispatch, so that even a failure outside Spring MVC shows the same
 * page.
 */
final class PageErrors {

	private PageErrors() {
	}

	@ControllerAdvice(annotations = Controller.class)
	@Order(Ordered.LOWEST_PRECEDENCE)
	static class Handlers {

		private static final Logger log = LoggerFactory.getLogger(PageErrors.class);

		private final LayoutModel layout;

		Handlers(LayoutModel layout) {
			this.layout = layout;
		}

		/**
		 * Exception handlers start from an empty model, so the layout's viewer is added
		 * here.
		 */
		private String page(int status, String messageKey, HttpServletRequest request, HttpServletResponse response,
				Model model) {
			model.addAttribute("viewer", layout.viewer());
			return PageErrors.page(status, messageKey, request, response, model);
		}

		@ExceptionHandler({ NotFoundException.class, NoResourceFoundException.class })
		String notFound(HttpServletRequest request, HttpServletResponse response, Model model) {
			return page(404, "error.notFound", request, response, model);
		}

		/**
		 * A malformed identifier in a page's address is simply not found; other malformed
		 * values are bad requests.
		 */
		@ExceptionHandler(org.springframework.web.method.annotation.MethodArgumentTypeMismatchException.class)
		String typeMismatch(org.springframework.web.method.annotation.MethodArgumentTypeMismatchException ex,
				HttpServletRequest request, HttpServletResponse response, Model model) {
			return IdentifierConverters.isIdentifier(ex.getRequiredType())
					? page(404, "error.notFound", request, response, model)
					: page(400, "error.badRequest", request, response, model);
		}

		/**
		 * A restricted study that its entitled user has not unlocked: the unlock page
		 * (decision 060).
		 */
		@ExceptionHandler(org.studygate.UnlockRequiredException.class)
		String unlockRequired(org.studygate.UnlockRequiredException ex) {
			return "redirect:/break-glass/studies/" + ex.studyId();
		}

		@ExceptionHandler(AccessDeniedException.class)
		String denied(HttpServletRequest request, HttpServletResponse response, Model model) {
			return page(403, "error.forbidden", request, response, model);
		}

		@ExceptionHandler({ InvalidInputException.class, ConflictException.class })
		String invalid(RuntimeException ex, HttpServletRequest request, HttpServletResponse response, Model model) {
			return page(400, "error.badRequest", request, response, model);
		}

		/**
		 * The database cannot be reached (decision 046): the error page with 503 and
		 * {@code Retry-After}, without the viewer's name, which the database would give.
		 */
		@ExceptionHandler({ DataAccessResourceFailureException.class, TransientDataAccessResourceException.class,
				CannotCreateTransactionException.class })
		String unavailable(Exception ex, HttpServletRequest request, HttpServletResponse response, Model model) {
			return unexpected(ex, request, response, model);
		}

		@ExceptionHandler(Exception.class)
		String unexpected(Exception ex, HttpServletRequest request, HttpServletResponse response, Model model) {
			if (DatabaseOutage.causedBy(ex)) {
				log.warn("The database cannot be reached: {} {} answered 503 (correlation id {})", request.getMethod(),
						request.getRequestURI(), RequestContext.correlationId(request));
				return unavailablePage(request, response, model);
			}
			log.error("Unexpected error in {} {} (correlation id {})", request.getMethod(), request.getRequestURI(),
					RequestContext.correlationId(request), ex);
			return page(500, "error.internal", request, response, model);
		}

	}

	/**
	 * An address no controller and no static file answers. Spring's own answer would name
	 * its resource handler; a browser gets the friendly page instead, an API client a
	 * ProblemDetail in our words. Global (the failing handler is the resource handler,
	 * not a controller), right after {@link ApiErrors}.
	 */
	@ControllerAdvice
	@Order(Ordered.HIGHEST_PRECEDENCE + 1)
	static class MissingResource {

		private final ProblemWriter problems;

		private final LayoutModel layout;

		/**
		 * Takes the mapper rather than the writer bean, so that web slices of one
		 * controller start too.
		 */
		MissingResource(tools.jackson.databind.json.JsonMapper json, LayoutModel layout) {
			this.problems = new ProblemWriter(json);
			this.layout = layout;
		}

		@ExceptionHandler(NoResourceFoundException.class)
		ModelAndView missing(HttpServletRequest request, HttpServletResponse response, Model model) throws IOException {
			String path = request.getRequestURI();
			if (isApiPath(request, path)) {
				problems.write(request, response, 404, "Not found", "No such resource.", path);
				return null;
			}
			model.addAttribute("viewer", layout.viewer());
			return new ModelAndView(page(404, "error.notFound", request, response, model));
		}

	}

	/**
	 * Malformed values in a page's address, answered before Spring Boot's problem-details
	 * handler (order 0) would answer them as a 400 problem with the converter's text.
	 */
	@ControllerAdvice(annotations = Controller.class)
	@Order(Ordered.HIGHEST_PRECEDENCE + 2)
	static class Mismatches {

		private final Handlers handlers;

		Mismatches(Handlers handlers) {
			this.handlers = handlers;
		}

		@ExceptionHandler(org.springframework.web.method.annotation.MethodArgumentTypeMismatchException.class)
		String typeMismatch(org.springframework.web.method.annotation.MethodArgumentTypeMismatchException ex,
				HttpServletRequest request, HttpServletResponse response, Model model) {
			return handlers.typeMismatch(ex, request, response, model);
		}

	}

	static boolean isApiPath(HttpServletRequest request, String path) {
		String context = request.getContextPath();
		return path.startsWith(context + "/api/") || path.startsWith(context + "/patient/api/");
	}

	/**
	 * The container's error path: whatever failed, the same friendly page, or a
	 * ProblemDetail when the failed request was one of the JSON APIs (a client there
	 * cannot read an HTML page).
	 */
	@Controller
	static class ErrorPage implements ErrorController {

		private final ProblemWriter problems;

		ErrorPage(ProblemWriter problems) {
			this.problems = problems;
		}

		@RequestMapping("/error")
		ModelAndView error(HttpServletRequest request, HttpServletResponse response, Model model) throws IOException {
			if (DatabaseOutage.marked(request)
					|| DatabaseOutage.causedBy((Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION))) {
				return outage(request, response, model);
			}
			Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
			int status = code instanceof Integer value && value >= 400 && value < 600 ? value : 500;
			if (isApi(request)) {
				HttpStatus known = HttpStatus.resolve(status);
				problems.write(request, response, status, known == null ? "Error" : known.getReasonPhrase(),
						status >= 500 ? "Something went wrong on our side. Quote the correlation id when you report it."
								: "The request could not be processed.",
						(String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI));
				return null;
			}
			String key = switch (status) {
				case 403 -> "error.forbidden";
				case 404 -> "error.notFound";
				default -> status >= 400 && status < 500 ? "error.badRequest" : "error.internal";
			};
			return new ModelAndView(page(status, key, request, response, model));
		}

		private ModelAndView outage(HttpServletRequest request, HttpServletResponse response, Model model)
				throws IOException {
			if (isApi(request)) {
				DatabaseOutage.mark(request, response);
				problems.write(request, response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, DatabaseOutage.TITLE,
						DatabaseOutage.DETAIL, (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI));
				return null;
			}
			return new ModelAndView(unavailablePage(request, response, model));
		}

		private static boolean isApi(HttpServletRequest request) {
			Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
			if (!(uri instanceof String path)) {
				return false;
			}
			return isApiPath(request, path);
		}

	}

	/** The page of an outage: no viewer, whom only the database could name. */
	static String unavailablePage(HttpServletRequest request, HttpServletResponse response, Model model) {
		DatabaseOutage.mark(request, response);
		model.addAttribute("viewer", null);
		return page(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "error.unavailable", request, response, model);
	}

	static String page(int status, String messageKey, HttpServletRequest request, HttpServletResponse response,
			Model model) {
		response.setStatus(status);
		model.addAttribute("status", status);
		model.addAttribute("messageKey", messageKey);
		model.addAttribute("correlationId", RequestContext.correlationId(request));
		return "error";
	}

}
