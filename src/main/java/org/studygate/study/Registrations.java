package org.studygate.study;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.studygate.ConflictException;
import org.studygate.InvalidInputException;
import org.studygate.NotFoundException;
import org.studygate.department.Department;
import org.studygate.department.DepartmentId;
import org.studygate.department.Departments;
import org.studygate.directory.Actor;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Studies as the departments' RIS and the archive send them: a study registered with its
 * patient, order and physicians, an arriving study joined to its order, and the arrival
 * of its images.
 */
@Service
public class Registrations {

	private final StudyStore store;

	private final PatientStore patients;

	private final Departments departments;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Registrations(StudyStore store, PatientStore patients, Departments departments, ApplicationEventPublisher events,
			Clock clock) {
		this.store = store;
		this.patients = patients;
		this.departments = departments;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Registers a study, as a RIS or an archive integration does; idempotent on the Study
	 * Instance UID. Allowed to the service desk and the department's source users and
	 * admins. The patient and the order are created or brought up to date.
	 */
	@Transactional
	public Registered register(Actor actor, StudyRegistration registration) {
		registration.patient().requireComplete();
		return register(actor, registration, StudyDateSource.STUDY);
	}

	/**
	 * Registers a study as the archive holds it (docs/guide/image-archive.md): the
	 * patient's ID, name and birth date may be unknown, and its date may come from
	 * elsewhere than the header's study date. A study without a patient ID gets a
	 * placeholder patient of its own, so that studies of unidentified patients never
	 * merge.
	 */
	@Transactional
	public Registered registerArrival(Actor actor, StudyRegistration registration, StudyDateSource dateSource) {
		return register(actor, registration, dateSource);
	}

	private Registered register(Actor actor, StudyRegistration registration, StudyDateSource dateSource) {
		Department department = resolveDepartment(actor, registration.departmentCode());
		UUID departmentId = department.id().value();
		Optional<StudyId> existing = store.findIdByUid(registration.studyInstanceUid());
		if (existing.isPresent()) {
			return new Registered(existing.get(), false);
		}
		UUID patientId = registration.patient().patientId() == null ? patients.insertPlaceholderPatient(departmentId,
				registration.studyInstanceUid(), registration.patient())
				: patients.upsertPatient(departmentId, registration.patient());
		UUID orderId = registration.order() == null ? null
				: store.upsertOrder(departmentId, patientId, registration.order());
		StudyId id = StudyId.random();
		if (!store.insertStudy(id, registration, dateSource, departmentId, patientId, orderId, clock.instant())) {
			return new Registered(store.findIdByUid(registration.studyInstanceUid()).orElseThrow(), false);
		}
		if (registration.order() != null) {
			store.insertPhysician(id, registration.order().referringPhysicianNumber(), "REQUESTER");
			for (String cc : registration.order().ccPhysicianNumbers()) {
				store.insertPhysician(id, cc, "CC");
			}
		}
		events.publishEvent(new StudyRegistered(clock.instant(), actor.asAuditActor(), id,
				registration.studyInstanceUid(), departmentId));
		return new Registered(id, true);
	}

	private Department resolveDepartment(Actor actor, String code) {
		Optional<Department> department = Studies.departmentByCode(departments, code);
		if (department.isPresent() && actor.isSourceMemberOf(department.get().id().value())) {
			return department.get();
		}
		if (actor.serviceDesk()) {
			throw new InvalidInputException("departmentCode", "no department has this code");
		}
		throw new AccessDeniedException("not a member of department " + code);
	}

	/**
	 * Enters the birth date of a study's patient that the archive's header left empty:
	 * allowed to the department's admins and the service desk, logged, and only while it
	 * is unknown (a known birth date is the RIS's to change).
	 */
	@Transactional
	public void enterBirthDate(Actor actor, StudyId id, LocalDate birthDate) {
		Study study = store.find(id).orElseThrow(() -> new NotFoundException("study"));
		if (!actor.administers(study.departmentId())) {
			events.publishEvent(
					new BirthDateEntered(clock.instant(), actor.asAuditActor(), id, birthDate, "not an admin"));
			throw new AccessDeniedException("not an admin of the study's department");
		}
		LocalDate today = LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC).plusDays(1);
		if (birthDate == null || birthDate.getYear() < 1850 || birthDate.isAfter(today)) {
			throw new InvalidInputException("birthDate", "must be a date between 1850 and today");
		}
		if (!patients.enterBirthDate(study.patient().id(), birthDate)) {
			throw new ConflictException("the patient's birth date is known already");
		}
		events.publishEvent(new BirthDateEntered(clock.instant(), actor.asAuditActor(), id, birthDate, null));
	}

	/**
	 * The order of a department with this number, with its physicians, so that a study
	 * arriving from the archive with that accession number joins it.
	 */
	public Optional<StudyRegistration.OrderData> findOrder(DepartmentId departmentId, String orderNumber) {
		return store.findOrder(departmentId.value(), orderNumber);
	}

	/** A study with images in the archive, and where they are. */
	public record Located(StudyId id, String archiveLocation) {

	}

	/**
	 * The studies with images in the archive, in id order after this one (the first page:
	 * {@code null}), so that the archive can be checked for what it no longer holds.
	 */
	public List<Located> located(StudyId after, int limit) {
		return store.located(after == null ? new UUID(0, 0) : after.value(), limit);
	}

	/**
	 * Records that the archive no longer holds the study's images (deleted there): its
	 * counts are zero and its location gone; the registration and its access stay.
	 * @return whether it held them until now
	 */
	@Transactional
	public boolean recordRemoval(StudyId id) {
		return store.recordRemoval(id);
	}

	/**
	 * Records that the study's images are in the archive, with their counts and where
	 * they are.
	 * @return {@code true} the first time only, even when several arrivals race
	 */
	@Transactional
	public boolean recordArrival(StudyId id, int seriesCount, int instanceCount, String archiveLocation) {
		return store.recordArrival(id, seriesCount, instanceCount, archiveLocation, clock.instant());
	}

}
