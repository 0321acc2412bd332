package org.studygate.web;

import java.util.List;
import java.util.Map;

import org.studygate.directory.LoginChannel;
import org.studygate.directory.SecondFactor;
import org.studygate.directory.StaffAuthentication;
import org.studygate.directory.StaffLogin;
import org.studygate.directory.StaffPrincipal;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.ExceptionMappingAuthenticationFailureHandler;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/** Spring Security's view of the directory's staff authentication, for the login form. */
@Component
class StaffAuthenticationProvider implements AuthenticationProvider {

	private final StaffAuthentication staff;

	StaffAuthenticationProvider(StaffAuthentication staff) {
		this.staff = staff;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String ip = authentication.getDetails() instanceof WebAuthenticationDetails details ? details.getRemoteAddress()
				: null;
		String agent = RequestContext.currentUserAgent();
		SecondFactor factor = authentication.getDetails() instanceof StaffLoginDetails details ? details.secondFactor()
				: SecondFactor.NONE;
		StaffLogin login = staff.login(authentication.getName(), String.valueOf(authentication.getCredentials()),
				factor, LoginChannel.FORM, ip, agent);
		if (login instanceof StaffLogin.SignedIn signedIn) {
			return authenticated(signedIn.principal());
		}
		if (login instanceof StaffLogin.Throttled) {
			throw new LoginThrottled();
		}
		if (login instanceof StaffLogin.SecondFactorRequired) {
			throw new SecondFactorRequired();
		}
		throw new BadCredentialsException("bad credentials");
	}

	/**
	 * Where a failed form login goes: the generic message, or the throttle's (decision
	 * 028), which depends on the address only and so tells nothing about the account, or
	 * the form with the second factor's field after a right password (decision 057).
	 */
	static AuthenticationFailureHandler failureHandler() {
		ExceptionMappingAuthenticationFailureHandler handler = new ExceptionMappingAuthenticationFailureHandler();
		handler.setDefaultFailureUrl("/login?error");
		handler.setExceptionMappings(Map.of(LoginThrottled.class.getName(), "/login?throttled",
				SecondFactorRequired.class.getName(), "/login?second-factor"));
		return handler;
	}

	/** The client's address failed too often to be checked now. */
	static final class LoginThrottled extends AuthenticationException {

		LoginThrottled() {
			super("too many failed logins from this address");
		}

	}

	/**
	 * The password was right; the account asks for a second factor (decision 057). The
	 * form is shown again with the code field.
	 */
	static final class SecondFactorRequired extends AuthenticationException {

		SecondFactorRequired() {
			super("a second factor is required");
		}

	}

	static UsernamePasswordAuthenticationToken authenticated(StaffPrincipal principal) {
		return UsernamePasswordAuthenticationToken.authenticated(principal, null,
				List.of(new SimpleGrantedAuthority("ROLE_STAFF")));
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
