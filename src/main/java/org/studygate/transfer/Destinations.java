package org.studygate.transfer;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.studygate.InvalidInputException;
import org.studygate.NotFoundException;
import org.studygate.archive.ArchiveFiles;
import org.studygate.archive.ArchiveUnavailableException;
import org.studygate.department.Department;
import org.studygate.department.DepartmentId;
import org.studygate.department.Departments;
import org.studygate.directory.Actor;
import org.studygate.directory.GroupKind;
import org.studygate.study.Study;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The PACS destinations a department offers (kept by its source admins and the service
 * desk) and those a user keeps for himself. A user's own destination must point at a host
 * of the allow-list, checked when it is saved and again at every use: a test, a forward
 * asked for, each attempt (decision 033). A DICOM peer is registered in the archive, for
 * C-ECHO and C-STORE only, at every use, and removed from it with the destination.
 */
@Service
public class Destinations {

	private static final Logger log = LoggerFactory.getLogger(Destinations.class);

	private final DestinationStore store;

	private final ArchiveFiles archive;

	private final Departments departments;

	private final DestinationAllowList allowList;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final TransferProperties properties;

	Destinations(DestinationStore store, ArchiveFiles archive, Departments departments, DestinationAllowList allowList,
			ApplicationEventPublisher events, Clock clock, TransferProperties properties) {
		this.store = store;
		this.archive = archive;
		this.departments = departments;
		this.allowList = allowList;
		this.events = events;
		this.clock = clock;
		this.properties = properties;
	}

	/**
	 * What a client sends to create a destination: AE title, host, port — or a STOW-RS
	 * URL.
	 */
	public record DestinationForm(String name, String aeTitle, String host, Integer port, String url) {

	}

	/**
	 * Where a destination is reached now: its host resolved and checked, for a user's
	 * own.
	 */
	record Target(Destination destination, String host, String url) {

	}

	/**
	 * The departments whose destinations the actor keeps: those he administers, all for
	 * the service desk.
	 */
	public List<Department> managedDepartments(Actor actor) {
		if (actor.serviceDesk()) {
			return departments.all();
		}
		Set<UUID> administered = actor.sourceDepartments(GroupKind.SOURCE_ADMINS);
		return departments.all().stream().filter(d -> administered.contains(d.id().value())).toList();
	}

	/**
	 * The destinations of a department the actor keeps; another department's are not
	 * found.
	 */
	public List<Destination> departmentDestinations(Actor actor, DepartmentId departmentId) {
		requireManages(actor, departmentId, null);
		return store.destinationsOf(departmentId);
	}

	/** The user's own destinations. */
	public List<Destination> ownDestinations(Actor actor) {
		return actor.isUser() ? store.destinationsOf(actor.userId()) : List.of();
	}

	/**
	 * The destinations offered to forward this study: its department's and the actor's
	 * own.
	 */
	public List<Destination> offeredFor(Actor actor, Study study) {
		List<Destination> offered = new ArrayList<>(store.destinationsOf(new DepartmentId(study.departmentId())));
		offered.addAll(ownDestinations(actor));
		return offered;
	}

	/** Adds a destination to a department the actor keeps. */
	@Transactional
	public Destination addDepartmentDestination(Actor actor, DepartmentId departmentId, DestinationForm form) {
		requireManages(actor, departmentId, null);
		return insert(actor, Destination.of(DestinationId.random(), departmentId, null, form.name(), form.aeTitle(),
				form.host(), form.port(), form.url()));
	}

	/**
	 * Adds one of the user's own destinations, when its host is on the allow-list.
	 * @throws InvalidInputException naming {@code host} or {@code url} when it is not
	 * (logged)
	 */
	@Transactional
	public Destination addOwnDestination(Actor actor, DestinationForm form) {
		if (!actor.isUser()) {
			throw new AccessDeniedException("only users keep destinations");
		}
		Destination destination = Destination.of(DestinationId.random(), null, actor.userId(), form.name(),
				form.aeTitle(), form.host(), form.port(), form.url());
		target(actor, destination, destination.kind() == Destination.Kind.DIMSE ? "host" : "url");
		return insert(actor, destination);
	}

	/**
	 * Removes a destination the actor keeps, and its peer from the archive; jobs keep
	 * their label.
	 */
	@Transactional
	public void removeDestination(Actor actor, DestinationId destinationId) {
		Destination destination = kept(actor, destinationId);
		store.remove(destinationId, clock.instant());
		events.publishEvent(new DestinationChanged(clock.instant(), actor.asAuditActor(), "REMOVED",
				destinationId.value(), destination.label(), departmentCode(destination), null));
		if (destination.kind() == Destination.Kind.DIMSE) {
			try {
				archive.removePeer(destination.peerName());
			}
			catch (ArchiveUnavailableException ex) {
				log.warn("the archive did not remove peer {} now; the peer sweep will: {}", destination.peerName(),
						ex.getMessage());
			}
		}
	}

	/**
	 * Tests a destination the actor keeps or is offered: a C-ECHO from the archive to a
	 * DICOM peer, or a QIDO-RS request to a STOW-RS service. Empty when it answered, else
	 * why not.
	 * @throws InvalidInputException naming {@code host} or {@code url} when the
	 * allow-list no longer lets a user's own destination be reached (logged)
	 */
	public Optional<String> test(Actor actor, DestinationId destinationId) {
		Destination destination = find(destinationId).orElseThrow(() -> new NotFoundException("destination"));
		boolean mine = destination.userId() != null && actor.isUser() && destination.userId().equals(actor.userId());
		boolean department = destination.departmentId() != null
				&& actor.isSourceMemberOf(destination.departmentId().value());
		if (!mine && !department) {
			refuse(actor, destinationId);
		}
		Target target = target(actor, destination, destination.kind() == Destination.Kind.DIMSE ? "host" : "url");
		try {
			if (destination.kind() == Destination.Kind.DIMSE) {
				archive.registerPeer(destination.peerName(), destination.aeTitle(), target.host(), destination.port());
				return archive.echo(destination.peerName());
			}
			return StowClient.probe(target.url(), properties.timeout());
		}
		catch (ArchiveUnavailableException ex) {
			return Optional.of("the archive cannot be reached: " + ex.getMessage());
		}
	}

	/**
	 * Where the destination is reached now. A department's as it was saved; a user's own
	 * only when the allow-list lets its host be reached, at the address just resolved and
	 * checked.
	 * @throws DestinationNotAllowed naming the field when it does not (the refusal
	 * logged)
	 */
	Target target(Actor actor, Destination destination, String field) {
		try {
			return reach(destination);
		}
		catch (DestinationAllowList.NotAllowed ex) {
			events.publishEvent(new DestinationChanged(clock.instant(), actor.asAuditActor(), "NOT_ALLOWED",
					destination.id().value(), destination.label(), departmentCode(destination), ex.getMessage()));
			throw new DestinationNotAllowed(field, ex.getMessage());
		}
	}

	/**
	 * Where the destination is reached now, for the worker.
	 * @throws DestinationAllowList.NotAllowed when a user's own is no longer allowed
	 */
	Target reach(Destination destination) {
		if (destination.userId() == null) {
			return new Target(destination, destination.host(), destination.url());
		}
		if (destination.kind() == Destination.Kind.DIMSE) {
			return new Target(destination, allowList.address(destination.host()).getHostAddress(), null);
		}
		URI url = URI.create(destination.url());
		InetAddress address = allowList.address(url.getHost());
		return new Target(destination, null, "http".equals(url.getScheme()) ? pinned(url, address) : url.toString());
	}

	/**
	 * A plain-HTTP URL with its host replaced by the address checked, so that a second
	 * lookup cannot lead elsewhere; HTTPS keeps its name, for the certificate check stops
	 * a rebinding there.
	 */
	private static String pinned(URI url, InetAddress address) {
		try {
			return new URI(url.getScheme(), url.getUserInfo(), address.getHostAddress(), url.getPort(), url.getPath(),
					url.getQuery(), url.getFragment())
				.toString();
		}
		catch (URISyntaxException ex) {
			throw new DestinationAllowList.NotAllowed("the URL cannot be pinned to its address");
		}
	}

	/** An active destination by id. */
	Optional<Destination> find(DestinationId id) {
		return store.destination(id);
	}

	private Destination insert(Actor actor, Destination destination) {
		store.insert(destination, clock.instant());
		events.publishEvent(new DestinationChanged(clock.instant(), actor.asAuditActor(), "SAVED",
				destination.id().value(), destination.label(), departmentCode(destination), null));
		return destination;
	}

	/** A destination the actor keeps: his own, or one of a department he administers. */
	private Destination kept(Actor actor, DestinationId destinationId) {
		Destination destination = find(destinationId).orElseThrow(() -> new NotFoundException("destination"));
		if (destination.userId() != null) {
			if (!actor.isUser() || !destination.userId().equals(actor.userId())) {
				refuse(actor, destinationId);
			}
		}
		else {
			requireManages(actor, destination.departmentId(), destinationId);
		}
		return destination;
	}

	private void requireManages(Actor actor, DepartmentId departmentId, DestinationId destinationId) {
		if (departmentId == null || !actor.administers(departmentId.value())
				|| departments.find(departmentId).isEmpty()) {
			refuse(actor, destinationId);
		}
	}

	/**
	 * Someone else's destination or department: logged, and not found so that nothing can
	 * be probed.
	 */
	private void refuse(Actor actor, DestinationId destinationId) {
		events.publishEvent(new DestinationChanged(clock.instant(), actor.asAuditActor(), "REFUSED",
				destinationId == null ? null : destinationId.value(), "not kept by the actor", null, null));
		throw new NotFoundException("destination");
	}

	private String departmentCode(Destination destination) {
		return destination.departmentId() == null ? null
				: departments.find(destination.departmentId()).map(d -> d.code().value()).orElse(null);
	}

}
