package org.studygate.transfer;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.studygate.InvalidInputException;
import org.studygate.directory.Actor;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The platform's allow-list of where users' own PACS destinations may point (decision
 * 033): hosts, domains and address ranges from the configuration
 * ({@code studygate.transfer.allowed-hosts}) and from the service desk's page. Empty,
 * users keep no destinations of their own; a department's destinations, kept by its
 * admins, are not bound by it. A host is allowed when every address it resolves to lies
 * in an allowed range, or when its name is allowed and none of its addresses is a
 * loopback, link-local, wildcard or multicast one; the address checked is the one
 * connected to.
 */
@Service
public class DestinationAllowList {

	/** Why a host may not be reached. */
	static final class NotAllowed extends RuntimeException {

		NotAllowed(String message) {
			super(message);
		}

	}

	/**
	 * The allow-list as the page shows it: the configured entries (read only) and the
	 * service desk's.
	 */
	public record Entries(List<String> configured, List<String> kept) {

	}

	private final TransferProperties properties;

	private final DestinationStore store;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	DestinationAllowList(TransferProperties properties, DestinationStore store, ApplicationEventPublisher events,
			Clock clock) {
		this.properties = properties;
		this.store = store;
		this.events = events;
		this.clock = clock;
	}

	/** The entries, for the service desk. */
	public Entries entries(Actor actor) {
		requireServiceDesk(actor);
		return new Entries(properties.allowedHosts(), store.allowedHosts());
	}

	/**
	 * Replaces the service desk's entries; each is checked, duplicates dropped, and the
	 * change logged with the old and new lists.
	 * @throws InvalidInputException naming {@code entries} for an entry that is none of
	 * the forms
	 */
	@Transactional
	public Entries replace(Actor actor, List<String> entries) {
		requireServiceDesk(actor);
		Set<String> parsed = new LinkedHashSet<>();
		for (String entry : entries == null ? List.<String>of() : entries) {
			if (entry != null && !entry.isBlank()) {
				parsed.add(AllowRule.parse(entry).entry());
			}
		}
		if (parsed.size() > 500) {
			throw new InvalidInputException("entries", "at most 500 entries");
		}
		List<String> before = store.allowedHosts();
		store.replaceAllowedHosts(parsed, actor.name(), clock.instant());
		List<String> after = store.allowedHosts();
		if (!before.equals(after)) {
			events.publishEvent(new AllowListChanged(clock.instant(), actor.asAuditActor(), before, after, false));
		}
		return new Entries(properties.allowedHosts(), after);
	}

	/**
	 * The address to connect to for a host, resolved now and checked against the
	 * allow-list.
	 * @throws NotAllowed with the reason, when the list does not allow it
	 */
	InetAddress address(String host) {
		List<AllowRule> rules = rules();
		if (rules.isEmpty()) {
			throw new NotAllowed("the allow-list of destinations is empty");
		}
		String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
		InetAddress[] addresses;
		try {
			addresses = AllowRule.literal(bare) != null ? new InetAddress[] { InetAddress.getByName(bare) }
					: InetAddress.getAllByName(bare);
		}
		catch (UnknownHostException | SecurityException ex) {
			throw new NotAllowed("the host does not resolve");
		}
		boolean nameAllowed = AllowRule.literal(bare) == null && rules.stream().anyMatch(r -> r.matchesName(bare));
		for (InetAddress address : addresses) {
			boolean inRange = rules.stream().anyMatch(r -> r.matchesAddress(address));
			if (!inRange && !(nameAllowed && !special(address))) {
				throw new NotAllowed("the host is not on the allow-list of destinations");
			}
		}
		return addresses[0];
	}

	private static boolean special(InetAddress address) {
		return address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isAnyLocalAddress()
				|| address.isMulticastAddress();
	}

	private List<AllowRule> rules() {
		List<AllowRule> rules = new ArrayList<>();
		for (String entry : properties.allowedHosts()) {
			rules.add(AllowRule.parse(entry));
		}
		store.allowedHosts().forEach(entry -> rules.add(AllowRule.parse(entry)));
		return rules;
	}

	private void requireServiceDesk(Actor actor) {
		if (!actor.serviceDesk()) {
			events
				.publishEvent(new AllowListChanged(clock.instant(), actor.asAuditActor(), List.of(), List.of(), true));
			throw new AccessDeniedException("the allow-list is kept by the service desk");
		}
	}

}
