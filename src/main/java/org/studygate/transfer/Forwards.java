package org.studygate.transfer;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.studygate.ConflictException;
import org.studygate.NotFoundException;
import org.studygate.access.AccessControl;
import org.studygate.access.AccessDenied;
import org.studygate.access.Action;
import org.studygate.access.Authorized;
import org.studygate.directory.Actor;
import org.studygate.study.Study;
import org.studygate.study.StudyId;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Forwarding a study to a PACS (docs/product/05-workflows.md), and the transfers of a
 * study as its requester and its managers see them. A forward is a job row queued in the
 * requester's transaction, after a FORWARD decision, and run after commit by
 * {@link TransferWorker}; downloads are {@link Downloads}', the destinations
 * {@link Destinations}'.
 */
@Service
public class Forwards {

	private final TransferStore store;

	private final AccessControl access;

	private final Destinations destinations;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Forwards(TransferStore store, AccessControl access, Destinations destinations, ApplicationEventPublisher events,
			Clock clock) {
		this.store = store;
		this.access = access;
		this.destinations = destinations;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * What the study page offers: forward (with the destinations) and download, where
	 * permitted.
	 */
	public TransferOptions options(Actor actor, Study study) {
		boolean forward = access.decide(actor, study, Action.FORWARD).isPermitted();
		boolean download = access.decide(actor, study, Action.DOWNLOAD).isPermitted();
		return new TransferOptions(forward, download, forward ? destinations.offeredFor(actor, study) : List.of());
	}

	/**
	 * Queues a forward of the study to a destination offered for it, after a FORWARD
	 * decision; the worker starts it after commit. A study the actor may not list, or a
	 * destination not offered to him for this study, is not found, and the refusal
	 * logged.
	 */
	@Transactional
	public TransferView forward(Actor actor, StudyId studyId, DestinationId destinationId) {
		Authorized authorized = access.require(actor, studyId, Action.FORWARD);
		Study study = authorized.study();
		Destination destination = destinationId == null ? null
				: destinations.offeredFor(actor, study)
					.stream()
					.filter(d -> d.id().equals(destinationId))
					.findFirst()
					.orElse(null);
		if (destination == null) {
			events.publishEvent(new AccessDenied(clock.instant(), actor.asAuditActor(), studyId.value(), Action.FORWARD,
					"the destination is not offered for this study"));
			throw new NotFoundException("destination");
		}
		destinations.target(actor, destination, "destinationId");
		TransferId id = TransferId.random();
		Instant now = clock.instant();
		store.queueForward(id, studyId, study.departmentId(), actor.userId(), actor.name(), destination, now);
		events.publishEvent(
				new ForwardRequested(now, actor.asAuditActor(), id.value(), studyId.value(), destination.label()));
		return store.view(id).orElseThrow();
	}

	/**
	 * A transfer, forward or download, as its requester, or whoever manages the study's
	 * access, sees it; for anyone else it is not found.
	 */
	public TransferView find(Actor actor, TransferId transferId) {
		TransferView view = store.view(transferId).orElseThrow(() -> new NotFoundException("transfer"));
		if (!(actor.isUser() && store.requestedBy(transferId, actor.userId()))) {
			access.require(actor, new StudyId(view.studyId()), Action.MANAGE_ACCESS);
		}
		return view;
	}

	/**
	 * Cancels a queued or running forward: a queued one fails at once, a running one when
	 * the worker next reports progress. A transfer that ended already is a conflict.
	 */
	@Transactional
	public TransferView cancel(Actor actor, TransferId transferId) {
		TransferView view = find(actor, transferId);
		if (!"FORWARD".equals(view.kind()) || !view.open()) {
			throw new ConflictException("the transfer has ended");
		}
		String reason = "cancelled by " + actor.name();
		if (store.cancelQueued(transferId, reason, clock.instant())) {
			events.publishEvent(new ForwardEnded(clock.instant(), actor.asAuditActor(), transferId.value(),
					view.studyId(), view.target(), "CANCELLED", view.instancesDone(), reason));
		}
		else {
			store.requestCancel(transferId, reason);
		}
		return store.view(transferId).orElseThrow();
	}

	/**
	 * Every transfer of the study, forwards and downloads, newest first, for its Access
	 * tab, to whom MANAGE_ACCESS was decided.
	 */
	public List<TransferView> ofStudy(Authorized authorized) {
		return store.ofStudy(authorized.study(Action.MANAGE_ACCESS).id());
	}

}
