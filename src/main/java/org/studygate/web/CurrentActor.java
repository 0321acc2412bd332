package org.studygate.web;

import org.studygate.directory.Actor;
import org.studygate.directory.CodePrincipal;
import org.studygate.directory.Directory;
import org.studygate.directory.StaffPrincipal;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.MethodParameter;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Lets a handler take the request's {@link Actor} as a parameter. The actor is read from
 * the directory for each request; a user locked or removed since he logged in acts as
 * anonymous. A patient's code session ({@link CodePrincipal}) acts as
 * {@link Actor#patient}: the code's own access path rereads the code's state on every
 * decision. A bearer token's actor is read with the token, once per request
 * (docs/decisions/076-gateway-in-two-queries.md), and not kept beyond it.
 */
@Component
class CurrentActor implements HandlerMethodArgumentResolver {

	private final Directory directory;

	CurrentActor(Directory directory) {
		this.directory = directory;
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return Actor.class.equals(parameter.getParameterType());
	}

	private static final String ATTRIBUTE = CurrentActor.class.getName() + ".actor";

	/** What one request's actor is, for the staff user it was read for. */
	private record Remembered(StaffPrincipal principal, Actor actor) {

	}

	@Override
	public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
			NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
		return current(directory);
	}

	/** Keeps the actor of the request's staff user for the rest of the request. */
	static void remember(HttpServletRequest request, StaffPrincipal principal, Actor actor) {
		request.setAttribute(ATTRIBUTE, new Remembered(principal, actor));
	}

	static Actor current(Directory directory) {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication != null && authentication.getPrincipal() instanceof StaffPrincipal principal) {
			HttpServletRequest request = RequestContextHolder
				.getRequestAttributes() instanceof ServletRequestAttributes attributes ? attributes.getRequest() : null;
			if (request != null && request.getAttribute(ATTRIBUTE) instanceof Remembered remembered
					&& remembered.principal().equals(principal)) {
				return remembered.actor();
			}
			return directory.actorOf(principal.userId()).orElseGet(Actor::anonymous);
		}
		if (authentication != null && authentication.getPrincipal() instanceof CodePrincipal principal) {
			return principal.actor();
		}
		return Actor.anonymous();
	}

}
