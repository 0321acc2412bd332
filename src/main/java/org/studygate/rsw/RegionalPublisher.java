package org.studygate.rsw;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.studygate.ConflictException;
import org.studygate.InvalidInputException;
import org.studygate.NotFoundException;
import org.studygate.access.AccessControl;
import org.studygate.access.Action;
import org.studygate.access.Authorized;
import org.studygate.archive.StudyArrived;
import org.studygate.department.Department;
import org.studygate.department.DepartmentCode;
import org.studygate.department.DepartmentId;
import org.studygate.department.Departments;
import org.studygate.department.RswPublishing;
import org.studygate.directory.Actor;
import org.studygate.study.Studies;
import org.studygate.study.Study;
import org.studygate.study.StudyId;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.env.Environment;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Publication of studies to the regional health network (docs/product/02-domain.md,
 * 04-access-tab.md, 05-workflows.md; decision 024). A department that publishes queues
 * each study when its images arrive (the manifest points at images, so it waits for
 * them); those who manage a study's access see its status and send it again, which
 * replaces the document on the network; source admins and the service desk see the
 * department's queue. The sending itself is the {@link PublicationWorker}'s.
 */
@Service
public class RegionalPublisher {

	private final SubmissionStore store;

	private final AccessControl access;

	private final Studies studies;

	private final Departments departments;

	private final Environment environment;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	RegionalPublisher(SubmissionStore store, AccessControl access, Studies studies, Departments departments,
			Environment environment, ApplicationEventPublisher events, Clock clock) {
		this.store = store;
		this.access = access;
		this.studies = studies;
		this.departments = departments;
		this.environment = environment;
		this.events = events;
		this.clock = clock;
	}

	/** Queues a study whose images arrived, once, when its department publishes. */
	@ApplicationModuleListener
	void onArrival(StudyArrived arrived) {
		queueOnArrival(arrived.id(), new DepartmentId(arrived.departmentId()));
	}

	/**
	 * Queues a study on arrival (the listener's work, callable in a test's transaction).
	 */
	@Transactional
	public boolean queueOnArrival(StudyId studyId, DepartmentId departmentId) {
		Department department = departments.find(departmentId).orElse(null);
		if (department == null || !publishes(department.settings().rsw())) {
			return false;
		}
		Instant now = clock.instant();
		UUID documentId = UUID.randomUUID();
		Actor system = Actor.system("regional network publisher");
		if (!store.insertIfAbsent(studyId.value(), departmentId.value(), documentId, now, system.name())) {
			return false;
		}
		events.publishEvent(
				new PublicationQueued(now, system.asAuditActor(), studyId.value(), documentId, null, "ARRIVAL"));
		return true;
	}

	/**
	 * The RSW status of a study, for whoever manages its access (decided); "Send" shows
	 * when its department (read by the caller, decision 079) publishes.
	 */
	public RswStatus status(Authorized authorized, Optional<Department> department) {
		Study study = authorized.study(Action.MANAGE_ACCESS);
		return status(study.id()).publishing(department.map(d -> publishes(d.settings().rsw())).orElse(false));
	}

	/** The RSW status of a study, for those who manage its access. */
	@Transactional
	public RswStatus status(Actor actor, StudyId studyId) {
		Authorized authorized = access.require(actor, studyId, Action.MANAGE_ACCESS);
		return status(authorized, departments.find(authorized.study().departmentId()));
	}

	/**
	 * "Send": queues the study again (docs/product/04-access-tab.md). A study the network
	 * accepted gets a new document id that replaces the accepted one
	 * ({@code relatesTo: replaces}); one that was never accepted keeps its document id,
	 * so that the network recognises it. Refused while a send is queued or running.
	 */
	@Transactional
	public RswStatus send(Actor actor, StudyId studyId) {
		Study study = access.require(actor, studyId, Action.MANAGE_ACCESS).study();
		Department department = departments.find(study.departmentId()).orElseThrow();
		if (!publishes(department.settings().rsw())) {
			throw new ConflictException("the department does not publish to the regional network");
		}
		Instant now = clock.instant();
		UUID documentId;
		UUID replacesId;
		var existing = store.lock(studyId.value());
		if (existing.isEmpty()) {
			documentId = UUID.randomUUID();
			replacesId = null;
			store.insertIfAbsent(studyId.value(), study.departmentId(), documentId, now, actor.name());
		}
		else {
			SubmissionStore.Row row = existing.get();
			if (row.state() == SubmissionState.QUEUED || row.state() == SubmissionState.SENDING) {
				throw new ConflictException("the study is already queued for the regional network");
			}
			if (row.state() == SubmissionState.SENT) {
				documentId = UUID.randomUUID();
				replacesId = row.documentId();
			}
			else {
				documentId = row.documentId();
				replacesId = row.replacesId();
			}
			store.requeue(studyId.value(), documentId, replacesId, now, actor.name());
		}
		events.publishEvent(
				new PublicationQueued(now, actor.asAuditActor(), studyId.value(), documentId, replacesId, "RESEND"));
		return status(studyId);
	}

	/**
	 * The department's RSW queue, failures first (docs/product/07-interfaces.md): for its
	 * source admins and the service desk; anybody else finds no such department.
	 */
	@Transactional(readOnly = true)
	public List<QueueLine> queue(Actor actor, String departmentCode) {
		Department department = departmentFor(actor, departmentCode);
		return store.ofDepartment(department.id().value(), 500).stream().map(row -> {
			Study study = studies.find(new StudyId(row.studyId())).orElse(null);
			return new QueueLine(row.studyId(), study == null ? null : study.accessionNumber(),
					study == null ? null : study.patient().displayName(), study == null ? null : study.description(),
					shown(row.state()), row.attempts(), row.lastAttemptAt(),
					row.state() == SubmissionState.QUEUED ? row.nextAttemptAt() : null, row.lastError(),
					row.documentId(), row.requestedBy());
		}).toList();
	}

	/** The department whose queue the actor may see, by its code. */
	public Department departmentFor(Actor actor, String departmentCode) {
		Department department;
		try {
			department = departments.find(new DepartmentCode(departmentCode))
				.orElseThrow(() -> new NotFoundException("department"));
		}
		catch (InvalidInputException ex) {
			throw new NotFoundException("department");
		}
		if (!actor.administers(department.id().value())) {
			throw new NotFoundException("department");
		}
		return department;
	}

	/** Changes the department's RSW part of the settings, for the service desk. */
	@Transactional
	public Department changeSettings(Actor actor, String departmentCode, RswPublishing publishing) {
		return departments.changeSettings(actor, departmentCode, settings -> settings.withRsw(publishing));
	}

	/**
	 * Where and how the department's documents go; the token read from its variable now.
	 */
	RegionalNetwork.Endpoint endpoint(RswPublishing publishing) {
		String token = publishing.authentication() == RswPublishing.Authentication.BEARER
				? environment.getProperty(publishing.tokenName()) : null;
		return new RegionalNetwork.Endpoint(URI.create(publishing.endpointUrl()), publishing.authentication(), token);
	}

	static boolean publishes(RswPublishing publishing) {
		return publishing.enabled() && publishing.endpointUrl() != null;
	}

	private RswStatus status(StudyId studyId) {
		return store.find(studyId.value()).map(RegionalPublisher::status).orElse(RswStatus.NOT_SENT);
	}

	private static RswStatus status(SubmissionStore.Row row) {
		return new RswStatus(shown(row.state()), row.lastAttemptAt(), row.attempts(), row.lastError(), row.documentId(),
				false);
	}

	private static SubmissionState shown(SubmissionState state) {
		return state == SubmissionState.SENDING ? SubmissionState.QUEUED : state;
	}

}
