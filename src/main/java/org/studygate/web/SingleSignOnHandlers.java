package org.studygate.web;

import java.io.IOException;
import java.net.URI;
import java.util.Set;
import java.util.TreeSet;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * What happens around an OpenID Connect sign-in (decision 056): the provider's token
 * becomes a {@link SingleSignOnAuthentication} of the directory's staff user, and the
 * logout of such a session ends it at the provider too where the provider announces an
 * {@code end_session_endpoint} (RP-initiated logout).
 */
final class SingleSignOnHandlers {

	private SingleSignOnHandlers() {
	}

	static AuthenticationSuccessHandler signedIn() {
		SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
		return (request, response, authentication) -> {
			if (authentication instanceof OAuth2AuthenticationToken token
					&& token.getPrincipal() instanceof SingleSignOnUsers.StaffOidcUser user) {
				SecurityContext context = SecurityContextHolder.createEmptyContext();
				context.setAuthentication(new SingleSignOnAuthentication(user.principal(),
						token.getAuthorizedClientRegistrationId(), user.getIdToken().getTokenValue()));
				SecurityContextHolder.setContext(context);
				contexts.saveContext(context, request, response);
				response.sendRedirect(request.getContextPath() + "/explore");
				return;
			}
			response.sendRedirect(request.getContextPath() + "/login?sso-error");
		};
	}

	/** Where a staff logout goes: the provider's end of session, or the login page. */
	static LogoutSuccessHandler loggedOut(ClientRegistrationRepository registrations, String publicUrl) {
		return new LogoutSuccessHandler() {
			@Override
			public void onLogoutSuccess(HttpServletRequest request, HttpServletResponse response,
					Authentication authentication) throws IOException, ServletException {
				String loggedOut = request.getContextPath() + "/login?logout";
				if (authentication instanceof SingleSignOnAuthentication sso && registrations != null) {
					ClientRegistration registration = registrations.findByRegistrationId(sso.registrationId());
					Object endSession = registration == null ? null
							: registration.getProviderDetails().getConfigurationMetadata().get("end_session_endpoint");
					if (endSession != null) {
						response.sendRedirect(endSessionUri(endSession.toString(), sso.idToken(),
								registration.getClientId(), publicUrl + "/login?logout"));
						return;
					}
				}
				response.sendRedirect(loggedOut);
			}
		};
	}

	/**
	 * The page policy with the providers' end-of-session origins allowed as form actions:
	 * for the browser, the logout form's redirect to a provider's end-session endpoint is
	 * a form submission to that origin, which {@code form-action 'self'} would block.
	 */
	static String formActionsFor(String policy, ClientRegistrationRepository registrations) {
		Set<String> origins = new TreeSet<>();
		if (registrations instanceof Iterable<?> all) {
			for (Object each : all) {
				if (each instanceof ClientRegistration registration) {
					Object endSession = registration.getProviderDetails()
						.getConfigurationMetadata()
						.get("end_session_endpoint");
					URI uri = endSession == null ? null : URI.create(endSession.toString());
					if (uri != null && uri.getScheme() != null && uri.getRawAuthority() != null) {
						origins.add(uri.getScheme() + "://" + uri.getRawAuthority());
					}
				}
			}
		}
		return origins.isEmpty() ? policy
				: policy.replace("form-action 'self'", "form-action 'self' " + String.join(" ", origins));
	}

	static String endSessionUri(String endpoint, String idToken, String clientId, String afterLogout) {
		return UriComponentsBuilder.fromUriString(endpoint)
			.queryParam("id_token_hint", "{token}")
			.queryParam("client_id", "{client}")
			.queryParam("post_logout_redirect_uri", "{after}")
			.encode()
			.buildAndExpand(idToken, clientId, afterLogout)
			.toUriString();
	}

}
