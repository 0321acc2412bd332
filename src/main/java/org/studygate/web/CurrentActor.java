package org.studygate.web;

import org.studygate.directory.Actor;
import org.studygate.directory.CodePrincipal;
import org.studygate.directory.Directory;
import org.studygate.directory.StaffPrincipal;

import org.springframework.core.MethodParameter;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Lets a handler take the request's {@link Actor} as a parameter. The actor is read from
 * the directory for each request; a user locked or removed since he logged in acts as
 * anonymous. A patient's code session ({@link CodePrincipal}) acts as
 * {@link Actor#patient}: the code's own access path rereads the code's state on every
 * decision.
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

	@Override
	public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
			NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
		return current(directory);
	}

	static Actor current(Directory directory) {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication != null && authentication.getPrincipal() instanceof StaffPrincipal principal) {
			return directory.actorOf(principal.userId()).orElseGet(Actor::anonymous);
		}
		if (authentication != null && authentication.getPrincipal() instanceof CodePrincipal principal) {
			return principal.actor();
		}
		return Actor.anonymous();
	}

}
