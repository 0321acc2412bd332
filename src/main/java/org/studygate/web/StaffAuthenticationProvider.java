package org.studygate.web;

import java.time.Clock;
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
		if (login instanceof StaffLogin.EnrolmentRequired enrolment) {
			throw new EnrolmentRequired(enrolment.principal());
		}
		throw new BadCredentialsException("bad credentials");
	}

	/**
	 * Where a failed form login goes: the generic message, or the throttle's (decision
	 * 028), which depends on the address only and so tells nothing about the account, or
	 * the form with the second factor's field after a right password (decision 057), or
	 * the enrolment page for a user the two-factor policy covers who has none yet
	 * (decision 065).
	 */
	static AuthenticationFailureHandler failureHandler(Clock clock) {
		ExceptionMappingAuthenticationFailureHandler handler = new ExceptionMappingAuthenticationFailureHandler();
		handler.setDefaultFailureUrl("/login?error");
		handler.setExceptionMappings(Map.of(LoginThrottled.class.getName(), "/login?throttled",
				SecondFactorRequired.class.getName(), "/login?second-factor"));
		return (request, response, exception) -> {
			if (exception instanceof EnrolmentRequired enrolment) {
				PendingEnrolment.start(request, enrolment.principal, clock.instant());
				response.sendRedirect(request.getContextPath() + "/login/two-factor");
			}
			else {
				handler.onAuthenticationFailure(request, response, exception);
			}
		};
	}

	/**
	 * The password was right; the two-factor policy covers the user and he has no second
	 * factor yet (decision 065): he is sent to enrolment, not signed in.
	 */
	static final class EnrolmentRequired extends AuthenticationException {

		private final transient StaffPrincipal principal;

		EnrolmentRequired(StaffPrincipal principal) {
			super("a second factor must be set up");
			this.principal = principal;
		}

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
