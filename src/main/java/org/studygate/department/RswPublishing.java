package org.studygate.department;

import java.net.URI;

import org.studygate.InvalidInputException;

/**
 * Whether and where a department publishes its studies to the regional health network
 * (docs/product/02-domain.md, 05-workflows.md), and how Studygate authenticates there.
 * Absent values take their defaults: not published, no authentication.
 *
 * <p>
 * A bearer token is a secret and is never part of the settings: {@code tokenName} names
 * the configuration property or environment variable that holds it, and only names
 * starting with {@code STUDYGATE_RSW_} are accepted, so that a settings change cannot
 * send another secret of the instance to an endpoint of its choosing. Mutual TLS takes
 * its keystore (path and password) from the instance's configuration.
 *
 * @param enabled whether each new study is queued for publication
 * @param endpointUrl the network's document submission endpoint (http or https)
 * @param authentication how Studygate authenticates at the endpoint
 * @param tokenName for {@link Authentication#BEARER}: the name of the variable holding
 * the token
 */
public record RswPublishing(Boolean enabled, String endpointUrl, Authentication authentication, String tokenName) {

	/** The prefix a token's variable name must carry. */
	public static final String TOKEN_PREFIX = "STUDYGATE_RSW_";

	/** How Studygate proves itself to the network. */
	public enum Authentication {

		NONE, BEARER, MUTUAL_TLS

	}

	public RswPublishing {
		enabled = enabled == null ? Boolean.FALSE : enabled;
		endpointUrl = endpointUrl == null || endpointUrl.isBlank() ? null : endpointUrl.strip();
		authentication = authentication == null ? Authentication.NONE : authentication;
		tokenName = tokenName == null || tokenName.isBlank() ? null : tokenName.strip();
		if (endpointUrl != null) {
			URI uri;
			try {
				uri = URI.create(endpointUrl);
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidInputException("endpointUrl", "must be an http or https address");
			}
			if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
					|| uri.getHost() == null || uri.getUserInfo() != null || endpointUrl.length() > 500) {
				throw new InvalidInputException("endpointUrl", "must be an http or https address");
			}
		}
		if (enabled && endpointUrl == null) {
			throw new InvalidInputException("endpointUrl", "is required when publishing is enabled");
		}
		if (authentication == Authentication.BEARER
				&& (tokenName == null || !tokenName.matches(TOKEN_PREFIX + "[A-Z0-9_]{1,50}"))) {
			throw new InvalidInputException("tokenName", "must name a variable starting with " + TOKEN_PREFIX);
		}
		if (authentication != Authentication.BEARER) {
			tokenName = null;
		}
	}

	public static RswPublishing defaults() {
		return new RswPublishing(null, null, null, null);
	}

}
