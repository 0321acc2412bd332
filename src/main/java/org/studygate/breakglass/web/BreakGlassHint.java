package org.studygate.breakglass.web;

import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.studygate.breakglass.BreakGlass;
import org.studygate.directory.Actor;
import org.studygate.directory.Directory;
import org.studygate.directory.StaffPrincipal;
import org.studygate.study.StudyId;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * The API hint (decision 013): when a study request under {@code /api/v1/studies/{id}} is
 * refused (404 or 403) and the caller has given that study's patient ID and birth date
 * within the hour and could unlock it now, the ProblemDetail's {@code type} says that
 * break-the-glass is possible and where to do it. For everybody else the refusal stays
 * exactly as it was, so that it tells nothing to those who do not already know the
 * patient.
 */
@RestControllerAdvice
class BreakGlassHint implements ResponseBodyAdvice<Object> {

	static final URI TYPE = org.studygate.UnlockRequiredException.TYPE;

	private static final Pattern STUDY = Pattern.compile("^/api/v1/studies/([0-9a-fA-F-]{36})(/.*)?$");

	// looked up per answer, so that a web slice that loads this advice without the module
	// still starts
	private final ObjectProvider<BreakGlass> breakGlass;

	private final ObjectProvider<Directory> directory;

	BreakGlassHint(ObjectProvider<BreakGlass> breakGlass, ObjectProvider<Directory> directory) {
		this.breakGlass = breakGlass;
		this.directory = directory;
	}

	@Override
	public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
		return true;
	}

	@Override
	public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
			Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
			ServerHttpResponse response) {
		if (!(body instanceof ProblemDetail problem) || (problem.getStatus() != 404 && problem.getStatus() != 403)) {
			return body;
		}
		Matcher matcher = STUDY.matcher(request.getURI().getPath());
		if (!matcher.matches() || (matcher.group(2) != null && matcher.group(2).equals("/unlock"))) {
			return body;
		}
		StudyId study = StudyId.parse(matcher.group(1)).orElse(null);
		BreakGlass glass = breakGlass.getIfAvailable();
		Actor actor = actor();
		if (study != null && actor != null && glass != null && glass.couldUnlock(actor, study)) {
			problem.setType(TYPE);
			problem.setProperty("unlock", "/api/v1/studies/" + study + "/unlock");
		}
		return body;
	}

	private Actor actor() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		Directory users = directory.getIfAvailable();
		if (users != null && authentication != null
				&& authentication.getPrincipal() instanceof StaffPrincipal principal) {
			return users.actorOf(principal.userId()).orElse(null);
		}
		return null;
	}

}
