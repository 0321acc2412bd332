package org.studygate.directory;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.studygate.InvalidInputException;
import org.studygate.directory.sourcegroups.SourceGroupMapping;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Signs in a staff user whom an OpenID Connect provider vouched for
 * (docs/decisions/056-openid-connect-sign-in.md). The provider's signature, issuer,
 * audience and expiry were checked before; here its claims are mapped: the username claim
 * names the account, which is created on first sign-in only where the provider is set to,
 * and the groups claim makes the service desk or a source group member only through the
 * configured mapping. The attempt is in the login history and the access log with the
 * provider's name.
 */
@Service
public class SingleSignOn {

	private static final SecureRandom RANDOM = new SecureRandom();

	/**
	 * A provider without settings of its own: existing users by the default claims, no
	 * roles.
	 */
	private static final SingleSignOnProperties.Provider EXISTING_USERS = new SingleSignOnProperties.Provider(null,
			null, null, null, false);

	private final SingleSignOnProperties properties;

	private final CredentialStore credentials;

	private final MembershipStore memberships;

	private final List<SourceGroupMapping> departments;

	private final Users users;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	SingleSignOn(SingleSignOnProperties properties, CredentialStore credentials, MembershipStore memberships,
			List<SourceGroupMapping> departments, Users users, ApplicationEventPublisher events, Clock clock) {
		this.properties = properties;
		this.credentials = credentials;
		this.memberships = memberships;
		this.departments = departments;
		this.users = users;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Signs in the user the provider's claims name.
	 * @param provider the registration id of the provider
	 * @param claims the ID token's (and user info's) claims, already verified
	 */
	@Transactional
	public StaffLogin signIn(String provider, Map<String, Object> claims, String clientIp, String userAgent) {
		SingleSignOnProperties.Provider mapping = properties.providers().getOrDefault(provider, EXISTING_USERS);
		String username = text(claims.get(mapping.usernameClaim()));
		if (username == null) {
			return refused(null, "", null, provider, LoginOutcome.UNKNOWN_USER, clientIp, userAgent);
		}
		String name = username.trim().toLowerCase(Locale.ROOT);
		Optional<CredentialStore.Account> account = credentials.accountForUpdate(name);
		if (account.isEmpty() && mapping.createUsers()) {
			account = created(name, mapping, claims);
		}
		if (account.isEmpty()) {
			return refused(null, name, null, provider, LoginOutcome.UNKNOWN_USER, clientIp, userAgent);
		}
		CredentialStore.Account user = account.get();
		if (user.lockedAt(clock.instant())) {
			return refused(user.id(), name, user.displayName(), provider, LoginOutcome.LOCKED, clientIp, userAgent);
		}
		mapRoles(user.id(), provider, mapping, groupsOf(claims.get(mapping.groupsClaim())));
		credentials.succeeded(user.id());
		recorded(user.id(), name, user.displayName(), provider, LoginOutcome.SUCCESS, clientIp, userAgent);
		return new StaffLogin.SignedIn(new StaffPrincipal(user.id(), user.username()));
	}

	private Optional<CredentialStore.Account> created(String username, SingleSignOnProperties.Provider mapping,
			Map<String, Object> claims) {
		String displayName = Optional.ofNullable(text(claims.get(mapping.nameClaim()))).orElse(username);
		String email = Optional.ofNullable(text(claims.get("email"))).filter(e -> e.contains("@")).orElse(null);
		NewUser user;
		try {
			user = new NewUser(username, displayName.length() > 200 ? displayName.substring(0, 200) : displayName,
					new Password(unusablePassword()), List.of(), email, null, null, false, false);
		}
		catch (InvalidInputException ex) {
			return Optional.empty();
		}
		UserId id = users.create(user);
		users.find(id)
			.ifPresent(view -> events
				.publishEvent(new UserCreated(clock.instant(), Actor.system("sso").asAuditActor(), view)));
		return credentials.accountForUpdate(id);
	}

	/**
	 * The groups claim decides the service desk only where the provider has service-desk
	 * groups, and adds source-group memberships only through the mapping: a claim value
	 * that is not in the mapping does nothing.
	 */
	private void mapRoles(UserId user, String provider, SingleSignOnProperties.Provider mapping,
			Set<String> groupsClaimed) {
		if (!mapping.serviceDeskGroups().isEmpty()) {
			boolean desk = mapping.serviceDeskGroups().stream().anyMatch(groupsClaimed::contains);
			credentials.changeServiceDesk(user, desk);
		}
		Instant now = clock.instant();
		departments.stream()
			.flatMap(d -> d.sourceGroups(provider, groupsClaimed).stream())
			.distinct()
			.filter(group -> memberships.find(group, user).isEmpty())
			.forEach(group -> memberships.activate(group, user, MembershipRole.MEMBER, false, now));
	}

	private StaffLogin refused(UserId user, String name, String displayName, String provider, LoginOutcome outcome,
			String clientIp, String userAgent) {
		recorded(user, name, displayName, provider, outcome, clientIp, userAgent);
		return new StaffLogin.Refused();
	}

	private void recorded(UserId user, String name, String displayName, String provider, LoginOutcome outcome,
			String clientIp, String userAgent) {
		Instant now = clock.instant();
		credentials.recordAttempt(user, name, now, clientIp, userAgent, LoginChannel.SSO, outcome, provider);
		events.publishEvent(
				new LoginAttempted(now, user, name, displayName, LoginChannel.SSO, outcome, clientIp, provider));
	}

	private static String text(Object claim) {
		return claim instanceof String s && !s.isBlank() ? s : null;
	}

	private static Set<String> groupsOf(Object claim) {
		if (claim instanceof Collection<?> values) {
			return values.stream()
				.filter(String.class::isInstance)
				.map(String.class::cast)
				.collect(Collectors.toUnmodifiableSet());
		}
		return claim instanceof String s ? Set.of(s) : Set.of();
	}

	/**
	 * A password nobody knows for an account made by single sign-on: 256 random bits,
	 * never shown, so only the provider signs the user in until the service desk sets
	 * one.
	 */
	private static String unusablePassword() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return "A1" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
