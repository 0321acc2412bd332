package org.studygate.study;

import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the patient side needs of a study's patient: how he is reached for one-time
 * passwords and pincodes, and whether he must pay, or paid, before a code opens the
 * study. No access decision is made here; the reference-number module decides who asks.
 */
@Service
public class StudyPatients {

	private final StudyStore store;

	StudyPatients(StudyStore store) {
		this.store = store;
	}

	/**
	 * How the study's patient is reached for one-time passwords and pincodes; empty when
	 * unknown.
	 */
	public Optional<PatientContact> contact(StudyId id) {
		return store.contact(id);
	}

	/**
	 * Records that the study's payment was received (by the payment provider or as a
	 * source admin says).
	 */
	@Transactional
	public void markPaymentReceived(StudyId id) {
		store.markPaymentReceived(id);
	}

	/**
	 * Marks whether the patient must pay before a code opens the study (a RIS or the
	 * department says).
	 */
	@Transactional
	public void requirePayment(StudyId id, boolean required) {
		store.requirePayment(id, required);
	}

}
