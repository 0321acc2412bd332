package org.studygate.web;

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
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Friendly error pages with the correlation id and no internal text. Also answers the container's
 * error dispatch, so that even a failure outside Spring MVC shows the same page.
 */
final class PageErrors {

	private PageErrors() {
	}

	@ControllerAdvice(annotations = Controller.class)
	@Order(Ordered.LOWEST_PRECEDENCE)
	static class Handlers {

		private static final Logger log = LoggerFactory.getLogger(PageErrors.class);

		@ExceptionHandler({ NotFoundException.class, NoResourceFoundException.class })
		String notFound(HttpServletRequest request, HttpServletResponse response, Model model) {
			return page(404, "error.notFound", request, response, model);
		}

		@ExceptionHandler(AccessDeniedException.class)
		String denied(HttpServletRequest request, HttpServletResponse response, Model model) {
			return page(403, "error.forbidden", request, response, model);
		}

		@ExceptionHandler({ InvalidInputException.class, ConflictException.class })
		String invalid(RuntimeException ex, HttpServletRequest request, HttpServletResponse response, Model model) {
			return page(400, "error.badRequest", request, response, model);
		}

		@ExceptionHandler(Exception.class)
		String unexpected(Exception ex, HttpServletRequest request, HttpServletResponse response, Model model) {
			log.error("Unexpected error in {} {} (correlation id {})", request.getMethod(), request.getRequestURI(),
					RequestContext.correlationId(request), ex);
			return page(500, "error.internal", request, response, model);
		}

	}

	/** The container's error path: whatever failed, the same friendly page. */
	@Controller
	static class ErrorPage implements ErrorController {

		@RequestMapping("/error")
		String error(HttpServletRequest request, HttpServletResponse response, Model model) {
			Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
			int status = code instanceof Integer value ? value : 500;
			String key = switch (status) {
				case 400 -> "error.badRequest";
				case 403 -> "error.forbidden";
				case 404 -> "error.notFound";
				default -> "error.internal";
			};
			return page(status, key, request, response, model);
		}

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
