package org.studygate.web;

import java.util.List;

import org.studygate.directory.SingleSignOn;
import org.studygate.directory.StaffLogin;
import org.studygate.directory.StaffPrincipal;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * The directory's view of an OpenID Connect sign-in (decision 056): Spring Security has
 * checked the ID token (signature, issuer, audience, expiry, nonce) and read the user
 * info; the directory maps the claims to a staff user, or refuses.
 */
class SingleSignOnUsers implements OAuth2UserService<OidcUserRequest, OidcUser> {

	private final OidcUserService provider = new OidcUserService();

	private final SingleSignOn signOn;

	SingleSignOnUsers(SingleSignOn signOn) {
		this.signOn = signOn;
	}

	@Override
	public OidcUser loadUser(OidcUserRequest request) {
		OidcUser user = provider.loadUser(request);
		String registration = request.getClientRegistration().getRegistrationId();
		StaffLogin login = signOn.signIn(registration, user.getClaims(), RequestContext.currentClientIp(),
				RequestContext.currentUserAgent());
		if (login instanceof StaffLogin.SignedIn signedIn) {
			return new StaffOidcUser(user, signedIn.principal());
		}
		throw new OAuth2AuthenticationException(new OAuth2Error("access_denied"), "refused by the directory");
	}

	/** The provider's user with the staff user the directory signed in. */
	static final class StaffOidcUser extends DefaultOidcUser {

		private final StaffPrincipal principal;

		StaffOidcUser(OidcUser user, StaffPrincipal principal) {
			super(List.of(new SimpleGrantedAuthority("ROLE_STAFF")), user.getIdToken(), user.getUserInfo());
			this.principal = principal;
		}

		StaffPrincipal principal() {
			return this.principal;
		}

		@Override
		public String getName() {
			return principal.getName();
		}

	}

}
