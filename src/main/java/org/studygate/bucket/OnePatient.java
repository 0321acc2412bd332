package org.studygate.bucket;

import java.util.List;
import java.util.Objects;

import org.studygate.study.Study;

/**
 * A code whose first step is the patient's birth date opens studies of one patient only
 * (docs/product/10-cross-cutting-rules.md, decision 031): otherwise the code carries one
 * patient's birth date and another patient, or whoever knows the first one's birth date,
 * sees the other's studies. Two studies are of one patient when the department knows them
 * under the same patient ID, or when both carry the same national ID. Every pair must
 * match, so the answer does not depend on the order of the studies.
 */
final class OnePatient {

	private OnePatient() {
	}

	static boolean holds(List<Study> studies) {
		for (int i = 0; i < studies.size(); i++) {
			for (int j = i + 1; j < studies.size(); j++) {
				if (!samePatient(studies.get(i), studies.get(j))) {
					return false;
				}
			}
		}
		return true;
	}

	static boolean samePatient(Study a, Study b) {
		Study.Patient x = a.patient();
		Study.Patient y = b.patient();
		if (Objects.equals(x.id(), y.id())
				|| a.departmentId().equals(b.departmentId()) && Objects.equals(x.patientId(), y.patientId())) {
			return true;
		}
		return x.nationalId() != null && !x.nationalId().isBlank() && x.nationalId().equals(y.nationalId());
	}

}
