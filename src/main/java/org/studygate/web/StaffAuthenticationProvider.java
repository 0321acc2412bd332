package org.studygate.web;

import java.util.List;

import org.studygate.directory.LoginChannel;
import org.studygate.directory.StaffAuthentication;
import org.studygate.directory.StaffPrincipal;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
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
		StaffPrincipal principal = staff
			.authenticate(authentication.getName(), String.valueOf(authentication.getCredentials()), LoginChannel.FORM,
					ip, agent)
			.orElseThrow(() -> new BadCredentialsException("bad credentials"));
		return authenticated(principal);
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
