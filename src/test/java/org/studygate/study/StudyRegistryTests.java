package org.studygate.study;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.studygate.Fixtures;
import org.studygate.StudygateTest;
import org.studygate.department.Department;
import org.studygate.directory.Actor;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The registry on PostgreSQL: patients, orders and the name the explore filter searches.
 */
@StudygateTest
class StudyRegistryTests {

	@Autowired
	Studies studies;

	@Autowired
	Registrations registrations;

	@Autowired
	Fixtures fixtures;

	private final Actor ris = Actor.systemOperator("RIS");

	@Test
	void aRenamedPatientIsFoundByHisNewNameOnAllHisStudies() {
		Department department = fixtures.department("Radiology Registry");
		String patientId = "PR" + Fixtures.unique();
		String oldName = "Oldname" + Fixtures.unique().toLowerCase();
		String newName = "Newname" + Fixtures.unique().toLowerCase();
		StudyId first = registrations.register(ris, registration(department, patientId, oldName + "^Els", 1)).id();
		StudyId second = registrations.register(ris, registration(department, patientId, newName + "^Els", 2)).id();
		StudyCondition all = StudyCondition.always();

		List<StudyId> byNewName = ids(studies.search(byPatient(newName), all, null, 10));
		List<StudyId> byOldName = ids(studies.search(byPatient(oldName), all, null, 10));
		List<StudyId> byPatientId = ids(studies.search(byPatient(patientId), all, null, 10));

		assertThat(byNewName).containsExactly(second, first);
		assertThat(byOldName).isEmpty();
		assertThat(byPatientId).containsExactly(second, first);
		assertThat(studies.find(first).orElseThrow().patient().name()).isEqualTo(newName + "^Els");
	}

	@Test
	void thePatientNameFilterMatchesTheStartOfTheNameIgnoringCaseAndTakesWildcardsLiterally() {
		Department department = fixtures.department("Radiology Prefix");
		String surname = "Vandenbroucke" + Fixtures.unique().toLowerCase();
		StudyId study = registrations
			.register(ris, registration(department, "PX" + Fixtures.unique(), surname + "^Ann", 3))
			.id();
		StudyCondition all = StudyCondition.always();

		assertThat(ids(studies.search(byPatient(surname.toUpperCase().substring(0, 16)), all, null, 100)))
			.contains(study);
		assertThat(ids(studies.search(byPatient("%" + surname.substring(1)), all, null, 10))).isEmpty();
		assertThat(ids(studies.search(byPatient(surname.substring(1)), all, null, 10))).isEmpty();
	}

	@Test
	void aPageWithImageCountsIsTheSamePageWithItsDepartmentsCodeAndTheCountsOfEachRow() {
		Department department = fixtures.department("Radiology Counted");
		String patientId = "PC" + Fixtures.unique();
		StudyId first = registrations.register(ris, registration(department, patientId, "Counted^One", 4)).id();
		StudyId second = registrations.register(ris, registration(department, patientId, "Counted^One", 5)).id();
		StudyCondition all = StudyCondition.always();

		List<Studies.Counted> page = studies.searchAtCounted(byPatient(patientId), all, 0, 10);
		List<Studies.Counted> afterOne = studies.searchAtCounted(byPatient(patientId), all, 1, 10);

		assertThat(page).extracting(row -> row.study().id()).containsExactly(second, first);
		assertThat(page).extracting(Studies.Counted::study)
			.isEqualTo(studies.searchAt(byPatient(patientId), all, 0, 10));
		assertThat(page).extracting(row -> row.study().departmentCode()).containsOnly(department.code().value());
		assertThat(page).extracting(Studies.Counted::counts).containsOnly(new Studies.ImageCounts(1, 10));
		assertThat(afterOne).extracting(row -> row.study().id()).containsExactly(first);
		assertThat(studies.searchAtCounted(byPatient(patientId), StudyCondition.never(), 0, 10)).isEmpty();
	}

	private static StudyFilter byPatient(String patient) {
		return new StudyFilter(patient, null, null, null, null, null);
	}

	private static StudyRegistration registration(Department department, String patientId, String name, int day) {
		return new StudyRegistration("1.2.826.0.1.99." + System.nanoTime(), null, department.code().value(),
				LocalDate.of(2026, 2, day), null, "US", "US abdomen", 1, 10,
				new StudyRegistration.PatientData(patientId, name, LocalDate.of(1975, 3, 3), null, null, null, null),
				null);
	}

	private static List<StudyId> ids(List<StudySummary> rows) {
		return rows.stream().map(StudySummary::id).toList();
	}

}
