package org.studygate.directory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import org.studygate.NotFoundException;
import org.studygate.audit.AuditActor;
import org.studygate.audit.AuditOutcome;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The reminder's one-click link
 * (docs/decisions/064-checked-pages-reconfirmation-link-action-select.md): whoever holds
 * the link of a practice membership's reminder confirms that membership again without
 * signing in. The token is 256 random bits stored only as a SHA-256 hash (as strong as a
 * key, so a fast hash suffices, as for API tokens), bound to the membership and to the
 * confirmation it renews, valid until that confirmation lapses and used once; the newest
 * reminder's link replaces the unused older ones. Opening the link changes nothing (a
 * mail scanner may fetch it); only the confirm button does.
 */
@Service
public class ReconfirmationLinks {

	/** What the link offers to confirm: the practice and when its membership lapses. */
	public record Offer(GroupId group, String practice, Instant lapsesAt) {

	}

	static final String CONFIRMED = "MEMBERSHIP_CONFIRMED";

	static final String REFUSED = "MEMBERSHIP_CONFIRM_REFUSED";

	private final SecureRandom random = new SecureRandom();

	private final ReconfirmationLinkStore store;

	private final MembershipStore memberships;

	private final Groups groups;

	private final Users users;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	ReconfirmationLinks(ReconfirmationLinkStore store, MembershipStore memberships, Groups groups, Users users,
			ApplicationEventPublisher events, Clock clock) {
		this.store = store;
		this.memberships = memberships;
		this.groups = groups;
		this.users = users;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * A new link's token for the member's current confirmation of the practice; empty
	 * when he is no longer an active member. The clear token leaves only in the mail.
	 */
	@Transactional
	Optional<String> issue(UserId user, GroupId group) {
		return memberships.confirmedAt(group, user).map(confirmedAt -> {
			byte[] bytes = new byte[32];
			random.nextBytes(bytes);
			String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
			store.insert(hash(token),
					new ReconfirmationLinkStore.Link(group, user, confirmedAt, Reconfirmations.lapsesAt(confirmedAt)),
					clock.instant());
			return token;
		});
	}

	/** What the link would confirm, when it still works; changes nothing. */
	@Transactional(readOnly = true)
	public Optional<Offer> offer(GroupId group, String token) {
		return store.usable(hash(token), group, clock.instant()).map(this::offer);
	}

	/**
	 * Confirms the link's membership again, once, logged as the member's
	 * MEMBERSHIP_CONFIRMED; a wrong, used or expired link, one of another practice and a
	 * lapsed membership are refused (MEMBERSHIP_CONFIRM_REFUSED, DENIED) and change
	 * nothing.
	 * @return the membership confirmed, with its new lapse
	 * @throws NotFoundException when refused
	 */
	@Transactional
	public Offer confirm(GroupId group, String token) {
		Instant now = clock.instant();
		byte[] hash = hash(token);
		Optional<ReconfirmationLinkStore.Link> link = store.usable(hash, group, now);
		if (link.isEmpty() || !store.use(hash, link.get(), now)) {
			events
				.publishEvent(new MembershipChanged(now, new AuditActor(ActorKind.ANONYMOUS.name(), null, "anonymous"),
						REFUSED, AuditOutcome.DENIED, group.toString(), null, null, null, null,
						Map.of("refusal", "unknown, used or expired link", "via", "reminder link")));
			throw new NotFoundException("reconfirmation link");
		}
		UserId user = link.get().user();
		String name = users.find(user).map(UserView::displayName).orElse(null);
		Offer offer = new Offer(group, groupName(group), Reconfirmations.lapsesAt(now));
		events.publishEvent(new MembershipChanged(now, new AuditActor(ActorKind.USER.name(), user.toString(), name),
				CONFIRMED, AuditOutcome.SUCCESS, group.toString(), offer.practice(), user, name, null,
				Map.of("lapsesAt", offer.lapsesAt().toString(), "via", "reminder link")));
		return offer;
	}

	private Offer offer(ReconfirmationLinkStore.Link link) {
		return new Offer(link.group(), groupName(link.group()), link.expiresAt());
	}

	private String groupName(GroupId group) {
		return groups.find(group).map(GroupView::name).orElse(null);
	}

	static byte[] hash(String token) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
