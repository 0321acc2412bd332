package org.studygate.web;

import java.util.List;

import org.studygate.directory.StaffPrincipal;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A staff session opened through an identity provider (decision 056): the same
 * {@link StaffPrincipal} as a password session, so every page sees the same actor, with
 * the provider's registration id and ID token kept for the provider's logout.
 */
final class SingleSignOnAuthentication extends AbstractAuthenticationToken {

	private static final long serialVersionUID = 1L;

	private final StaffPrincipal principal;

	private final String registrationId;

	private final String idToken;

	SingleSignOnAuthentication(StaffPrincipal principal, String registrationId, String idToken) {
		super(List.of(new SimpleGrantedAuthority("ROLE_STAFF")));
		this.principal = principal;
		this.registrationId = registrationId;
		this.idToken = idToken;
		setAuthenticated(true);
	}

	@Override
	public Object getCredentials() {
		return null;
	}

	@Override
	public StaffPrincipal getPrincipal() {
		return principal;
	}

	String registrationId() {
		return registrationId;
	}

	String idToken() {
		return idToken;
	}

}
