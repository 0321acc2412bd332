package org.studygate.study;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.studygate.audit.AuditActor;
import org.studygate.department.DepartmentId;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a department's RIS changes on the registry besides registering studies
 * (docs/guide/ris-interface.md): orders that a study with the same accession number
 * joins, whenever it arrives, so that its requester and CC physicians get their way in;
 * cancelling and restoring a study; its payment requirement. Who may ask is decided by
 * the caller.
 */
@Service
public class StudyOrders {

	private final StudyStore store;

	private final PatientStore patients;

	private final RisChangeStore changes;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	StudyOrders(StudyStore store, PatientStore patients, RisChangeStore changes, ApplicationEventPublisher events,
			Clock clock) {
		this.store = store;
		this.patients = patients;
		this.changes = changes;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Records the order of a department under its accession number, with its patient, and
	 * joins the registered study with that accession number, if there is one.
	 * @return the study joined to the order
	 */
	@Transactional
	public Optional<StudyId> place(DepartmentId department, StudyRegistration.PatientData patient,
			StudyRegistration.OrderData order) {
		UUID patientId = patients.upsertPatient(department.value(), patient);
		store.upsertOrder(department.value(), patientId, order);
		Optional<StudyId> study = changes.findIdByAccession(department.value(), order.orderNumber());
		study.ifPresent(id -> join(department, id, order.orderNumber()));
		return study;
	}

	/**
	 * Joins a study to the order with its accession number, when its department has one.
	 * @return whether there was such an order
	 */
	@Transactional
	public boolean joinOrder(StudyId id) {
		Study study = store.find(id).orElseThrow();
		if (study.accessionNumber() == null) {
			return false;
		}
		return join(new DepartmentId(study.departmentId()), id, study.accessionNumber());
	}

	private boolean join(DepartmentId department, StudyId id, String accession) {
		Optional<StudyRegistration.OrderData> order = store.findOrder(department.value(), accession);
		if (order.isEmpty()) {
			return false;
		}
		UUID patientId = store.find(id).orElseThrow().patient().id();
		changes.attachOrder(id, store.upsertOrder(department.value(), patientId, order.get()));
		store.insertPhysician(id, order.get().referringPhysicianNumber(), "REQUESTER");
		order.get().ccPhysicianNumbers().forEach(cc -> store.insertPhysician(id, cc, "CC"));
		return true;
	}

	/**
	 * Cancels the study: from now on only its source admins and the service desk see it
	 * (docs/product/03-access-decisions.md).
	 */
	@Transactional
	public void cancel(AuditActor actor, StudyId id, String reason) {
		if (changes.setFlag(id, "cancelled", true)) {
			events.publishEvent(new StudyCancelled(clock.instant(), actor, id, true, reason));
		}
	}

	/** Restores a cancelled study to everyone entitled to it. */
	@Transactional
	public void uncancel(AuditActor actor, StudyId id, String reason) {
		if (changes.setFlag(id, "cancelled", false)) {
			events.publishEvent(new StudyCancelled(clock.instant(), actor, id, false, reason));
		}
	}

	/** Sets whether the patient must pay before he sees the study. */
	@Transactional
	public void requirePayment(StudyId id, boolean required) {
		changes.setFlag(id, "payment_required", required);
	}

	/** Records the state of the study's report: none, preliminary or final. */
	@Transactional
	public void reportStatus(StudyId id, ReportStatus status) {
		changes.setReportStatus(id, status);
	}

	/**
	 * Makes the study's report available to the patient from {@code at}, unless it is
	 * already available earlier (docs/guide/ris-interface.md, decision 052).
	 * @return whether the instant changed
	 */
	@Transactional
	public boolean reportAvailableFrom(StudyId id, Instant at) {
		return changes.reportAvailableFrom(id, at);
	}

	/** Takes the study's report back from the patient: its report was cancelled. */
	@Transactional
	public void withholdReport(StudyId id) {
		changes.withholdReport(id);
	}

	/**
	 * Brings a patient of the department up to date (ADT^A08); his studies take his name.
	 */
	@Transactional
	public void updatePatient(DepartmentId department, StudyRegistration.PatientData patient) {
		patients.upsertPatient(department.value(), patient);
	}

	/**
	 * Merges a patient into the surviving one (ADT^A40): his studies and orders move to
	 * the surviving patient ID, each moved study's log records it; codes stay with their
	 * studies, so they keep working.
	 * @return the studies moved; none when the prior patient is unknown
	 */
	@Transactional
	public List<StudyId> mergePatient(AuditActor actor, DepartmentId department, String priorPatientId,
			StudyRegistration.PatientData surviving) {
		Optional<UUID> prior = changes.findPatient(department.value(), priorPatientId);
		if (prior.isEmpty()) {
			return List.of();
		}
		UUID into = patients.upsertPatient(department.value(), surviving);
		if (into.equals(prior.get())) {
			return List.of();
		}
		List<StudyId> moved = changes.movePatient(prior.get(), into, StudyStore.nameKey(surviving.name()));
		for (StudyId id : moved) {
			events.publishEvent(new PatientMerged(clock.instant(), actor, id, priorPatientId, surviving.patientId()));
		}
		return moved;
	}

	/** Whether the department has a patient with this ID. */
	public boolean hasPatient(DepartmentId department, String patientId) {
		return changes.findPatient(department.value(), patientId).isPresent();
	}

	/** The study with this accession number in the department, if one is registered. */
	public Optional<StudyId> findByAccession(DepartmentId department, String accession) {
		return changes.findIdByAccession(department.value(), accession);
	}

}
