package org.studygate.web;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.studygate.directory.StaffPrincipal;
import org.studygate.directory.TwoFactor;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationSuccessHandler;

/**
 * After a form login with an authenticator code and "remember this browser" ticked, sets
 * the signed, revocable cookie that stands for the second factor for 30 days (decision
 * 057): HttpOnly, Secure, SameSite=Strict, sent to {@code /login} only. Then goes to the
 * study list.
 */
class RememberBrowserSuccessHandler extends SimpleUrlAuthenticationSuccessHandler {

	private final TwoFactor twoFactor;

	RememberBrowserSuccessHandler(TwoFactor twoFactor) {
		super("/explore");
		setAlwaysUseDefaultTargetUrl(true);
		this.twoFactor = twoFactor;
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws IOException, ServletException {
		if (authentication.getDetails() instanceof StaffLoginDetails details && details.rememberBrowser()
				&& authentication.getPrincipal() instanceof StaffPrincipal principal) {
			String value = twoFactor.rememberBrowser(principal.userId());
			ResponseCookie cookie = ResponseCookie.from(StaffLoginDetails.REMEMBER_COOKIE, value)
				.httpOnly(true)
				.secure(true)
				.sameSite("Strict")
				.path(request.getContextPath() + "/login")
				.maxAge(TwoFactor.REMEMBER_FOR)
				.build();
			response.addHeader(HttpHeaders.SET_COOKIE, cookie.toString());
		}
		super.onAuthenticationSuccess(request, response, authentication);
	}

}
