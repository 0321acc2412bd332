package org.studygate.transfer;

import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.studygate.archive.ArchiveFiles;
import org.studygate.archive.ArchiveUnavailableException;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the archive's DICOM peers ({@code sg-<destination id>}) in step with the
 * destinations (decision 033): a peer whose destination was removed (while the archive
 * was down, or before peers were removed at all) is removed, one of a user's own
 * destination that the allow-list no longer lets be reached too, and every other one is
 * registered again with the C-ECHO/C-STORE-only flags, so that a registration made by an
 * earlier version trusts the peer no more than a forward needs.
 */
@Component
class PeerSweep {

	private static final Logger log = LoggerFactory.getLogger(PeerSweep.class);

	private final ArchiveFiles archive;

	private final Destinations destinations;

	PeerSweep(ArchiveFiles archive, Destinations destinations) {
		this.archive = archive;
		this.destinations = destinations;
	}

	@Scheduled(initialDelayString = "${studygate.transfer.peer-sweep-initial-delay:PT30S}",
			fixedDelayString = "${studygate.transfer.peer-sweep-interval:PT1H}")
	void sweep() {
		try {
			for (String name : archive.peers("sg-")) {
				sweep(name);
			}
		}
		catch (ArchiveUnavailableException ex) {
			log.debug("peer sweep skipped: {}", ex.getMessage());
		}
	}

	/** Removes or re-registers one peer. */
	void sweep(String name) {
		Destination destination = id(name) == null ? null
				: destinations.find(id(name)).filter(d -> d.kind() == Destination.Kind.DIMSE).orElse(null);
		if (destination == null) {
			archive.removePeer(name);
			log.info("removed archive peer {}: its destination is gone", name);
			return;
		}
		try {
			Destinations.Target target = destinations.reach(destination);
			archive.registerPeer(name, destination.aeTitle(), target.host(), destination.port());
		}
		catch (DestinationAllowList.NotAllowed ex) {
			archive.removePeer(name);
			log.info("removed archive peer {}: {}", name, ex.getMessage());
		}
	}

	private static DestinationId id(String name) {
		try {
			return new DestinationId(UUID.fromString(name.substring("sg-".length())));
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
