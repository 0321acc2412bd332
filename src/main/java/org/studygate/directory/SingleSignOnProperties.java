package org.studygate.directory;

import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What Studygate makes of the identities that OpenID Connect providers vouch for
 * (docs/decisions/056-openid-connect-sign-in.md, docs/guide/single-sign-on.md). The
 * providers themselves (issuer, client id and secret, scopes) are Spring Security's
 * client registrations, {@code spring.security.oauth2.client.registration.<id>}; the same
 * id names a provider here.
 *
 * @param providers the mapping of each provider, by its registration id
 * @param passwords whether each kind of staff user may still sign in with a local
 * password
 */
@ConfigurationProperties("studygate.sso")
record SingleSignOnProperties(Map<String, Provider> providers, @DefaultValue Passwords passwords) {

	SingleSignOnProperties {
		providers = providers == null ? Map.of() : Map.copyOf(providers);
	}

	/**
	 * One provider's claims and mapping.
	 *
	 * @param usernameClaim the claim that is the Studygate username
	 * @param nameClaim the claim with the display name of a user created on first sign-in
	 * @param groupsClaim the claim listing the user's groups or roles at the provider
	 * @param serviceDeskGroups the groups whose members are the service desk; empty: the
	 * provider never makes or unmakes the service desk
	 * @param sourceGroups provider group → Studygate source group id: members are added
	 * to it on sign-in
	 * @param createUsers whether an unknown user gets an account on first sign-in, or is
	 * refused
	 */
	record Provider(String usernameClaim, String nameClaim, String groupsClaim, List<String> serviceDeskGroups,
			boolean createUsers) {

		Provider {
			usernameClaim = usernameClaim == null || usernameClaim.isBlank() ? "preferred_username" : usernameClaim;
			nameClaim = nameClaim == null || nameClaim.isBlank() ? "name" : nameClaim;
			groupsClaim = groupsClaim == null || groupsClaim.isBlank() ? "groups" : groupsClaim;
			serviceDeskGroups = serviceDeskGroups == null ? List.of() : List.copyOf(serviceDeskGroups);
		}

	}

	/**
	 * Local passwords per kind of staff user: the service desk, members of a department's
	 * source groups, and everybody else (physicians, practice staff).
	 */
	record Passwords(@DefaultValue("true") boolean serviceDesk, @DefaultValue("true") boolean departmentStaff,
			@DefaultValue("true") boolean otherStaff) {

	}

}
