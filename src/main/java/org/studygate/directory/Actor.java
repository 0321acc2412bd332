package org.studygate.directory;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.studygate.audit.AuditActor;

/**
 * Who a request acts as, read afresh from the directory for every request so that a
 * change of membership takes effect on the next request.
 *
 * @param kind the kind of actor
 * @param userId the staff user, {@code null} for actors without a user row
 * @param name the display name, denormalised into access log entries
 * @param serviceDesk whether the actor is a platform operator
 * @param physicianNumbers the physician numbers the user holds
 * @param memberships the groups the user belongs to
 * @param practicePhysicianNumbers the physician numbers of every member of the practices
 * the user belongs to, himself included
 * @param codeId for a code session (PATIENT_CODE, SHARE_CODE): the reference number or
 * bucket the session was opened with, {@code null} otherwise; the access paths of codes
 * read it
 */
public record Actor(ActorKind kind, UserId userId, String name, boolean serviceDesk, Set<String> physicianNumbers,
		List<Membership> memberships, Set<String> practicePhysicianNumbers, UUID codeId) {

	public Actor {
		physicianNumbers = Set.copyOf(physicianNumbers);
		memberships = List.copyOf(memberships);
		practicePhysicianNumbers = Set.copyOf(practicePhysicianNumbers);
	}

	/** An actor without a code session. */
	public Actor(ActorKind kind, UserId userId, String name, boolean serviceDesk, Set<String> physicianNumbers,
			List<Membership> memberships, Set<String> practicePhysicianNumbers) {
		this(kind, userId, name, serviceDesk, physicianNumbers, memberships, practicePhysicianNumbers, null);
	}

	/**
	 * A patient signed in with a reference number: he acts only through the code's access
	 * path, which reads the code's state on every decision, so a withdrawn or blocked
	 * code stops the session's access on its next request.
	 * @param referenceNumberId the reference number the session was opened with
	 */
	public static Actor patient(UUID referenceNumberId, String name) {
		return new Actor(ActorKind.PATIENT_CODE, null, name, false, Set.of(), List.of(), Set.of(),
				java.util.Objects.requireNonNull(referenceNumberId));
	}

	/**
	 * A code session of either kind: a patient's reference number or bucket code
	 * (PATIENT_CODE), or a share code's recipient (SHARE_CODE); both act only through the
	 * code paths.
	 */
	public static Actor codeSession(ActorKind kind, UUID codeId, String name) {
		if (kind != ActorKind.PATIENT_CODE && kind != ActorKind.SHARE_CODE) {
			throw new IllegalArgumentException("not a code session: " + kind);
		}
		return new Actor(kind, null, name, false, Set.of(), List.of(), Set.of(),
				java.util.Objects.requireNonNull(codeId));
	}

	/** Whether the actor is a code session (a patient's, or a share code recipient's). */
	public boolean isPatient() {
		return (kind == ActorKind.PATIENT_CODE || kind == ActorKind.SHARE_CODE) && codeId != null;
	}

	public static Actor anonymous() {
		return new Actor(ActorKind.ANONYMOUS, null, "anonymous", false, Set.of(), List.of(), Set.of());
	}

	public static Actor system(String name) {
		return new Actor(ActorKind.SYSTEM, null, name, false, Set.of(), List.of(), Set.of());
	}

	/**
	 * The application itself acting with the service desk's rights, for integrations such
	 * as the archive ingestion and the demo data loader.
	 */
	public static Actor systemOperator(String name) {
		return new Actor(ActorKind.SYSTEM, null, name, true, Set.of(), List.of(), Set.of());
	}

	/** The actor as an access log entry names him, denormalised now. */
	public AuditActor asAuditActor() {
		return new AuditActor(kind.name(),
				userId != null ? userId.toString() : codeId == null ? null : codeId.toString(), name);
	}

	public boolean isUser() {
		return kind == ActorKind.USER && userId != null;
	}

	/** The departments whose source group of the given kind the actor belongs to. */
	public Set<UUID> sourceDepartments(GroupKind kind) {
		return memberships.stream()
			.filter(m -> m.kind() == kind)
			.map(Membership::departmentId)
			.collect(Collectors.toUnmodifiableSet());
	}

	public boolean isSourceAdminOf(UUID departmentId) {
		return sourceDepartments(GroupKind.SOURCE_ADMINS).contains(departmentId);
	}

	public boolean isSourceUserOf(UUID departmentId) {
		return sourceDepartments(GroupKind.SOURCE_USERS).contains(departmentId);
	}

	/**
	 * Whether the actor administers the department: a source admin of it or the service
	 * desk (the department-level rights of docs/product/01-actors.md — buckets, blocked
	 * codes, RSW, destinations).
	 */
	public boolean administers(UUID departmentId) {
		return serviceDesk || isSourceAdminOf(departmentId);
	}

	/**
	 * Whether the actor may register studies and use other integration endpoints of the
	 * department.
	 */
	public boolean isSourceMemberOf(UUID departmentId) {
		return serviceDesk || isSourceAdminOf(departmentId) || isSourceUserOf(departmentId);
	}

	public boolean isPhysician() {
		return !physicianNumbers.isEmpty();
	}

	public Set<GroupId> groupIds() {
		return memberships.stream().map(Membership::groupId).collect(Collectors.toUnmodifiableSet());
	}

}
