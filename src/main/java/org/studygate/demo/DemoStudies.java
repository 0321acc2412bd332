package org.studygate.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.studygate.department.Department;
import org.studygate.directory.Actor;
import org.studygate.study.Registrations;
import org.studygate.study.StudyRegistration;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The studies of the small demo set: two hundred patients spread over the three
 * departments and a thousand studies of the last two years, registered like a RIS would,
 * most of them ordered by one of the demo physicians; ten of them cancelled.
 */
@Component
class DemoStudies {

	private static final int[] PATIENTS_PER_DEPARTMENT = { 90, 70, 40 };

	private final Registrations registrations;

	private final JdbcClient jdbc;

	DemoStudies(Registrations registrations, JdbcClient jdbc) {
		this.registrations = registrations;
		this.jdbc = jdbc;
	}

	/**
	 * Registers the patients' studies in RAD-NORTH, RAD-SOUTH and CARDIO-IMG (45/35/20%),
	 * drawing from the catalogue's seeded random in a fixed order, so that every demo
	 * looks the same.
	 */
	void register(Catalogue catalogue, List<Department> homes, Actor loader) {
		Random random = catalogue.random();
		List<List<StudyRegistration.PatientData>> patients = patients(catalogue, homes.size());
		for (int i = 1; i <= DemoData.STUDIES; i++) {
			int roll = random.nextInt(100);
			int d = roll < 45 ? 0 : roll < 80 ? 1 : 2;
			Department department = homes.get(d);
			List<StudyRegistration.PatientData> pool = patients.get(d);
			StudyRegistration.PatientData patient = pool.get(random.nextInt(pool.size()));
			Catalogue.Exam exam = catalogue.exam(d == 2);
			StudyRegistration.OrderData order = null;
			if (random.nextInt(100) >= 5) {
				order = order(random, i);
			}
			String accession = department.code().value().charAt(0) + String.format("%07d", i);
			registrations.register(loader,
					new StudyRegistration(DemoData.UID_PREFIX + i, accession, department.code().value(),
							catalogue.studyDate(), catalogue.studyTime(), exam.modality(), exam.description(),
							exam.series(), exam.instances(), patient, order));
		}
		cancelSome(random);
	}

	private static List<List<StudyRegistration.PatientData>> patients(Catalogue catalogue, int departments) {
		List<List<StudyRegistration.PatientData>> patients = new ArrayList<>();
		int patientNumber = 0;
		for (int d = 0; d < departments; d++) {
			List<StudyRegistration.PatientData> pool = new ArrayList<>();
			for (int p = 0; p < PATIENTS_PER_DEPARTMENT[d]; p++) {
				Catalogue.Person person = catalogue.patient();
				pool.add(new StudyRegistration.PatientData(String.format("DP%05d", ++patientNumber), person.name(),
						person.birthDate(), person.sex(), null, null, null));
			}
			patients.add(pool);
		}
		return patients;
	}

	/**
	 * The i-th study's order: the busier demo physicians refer more, a few copy a
	 * colleague.
	 */
	private static StudyRegistration.OrderData order(Random random, int i) {
		int physicians = DemoData.physicians();
		int requester = (int) (physicians * Math.pow(random.nextDouble(), 1.5));
		List<String> cc = new ArrayList<>();
		if (random.nextInt(100) < 15) {
			int copied = random.nextInt(physicians);
			if (copied != requester) {
				cc.add(DemoData.physicianNumber(copied));
			}
		}
		return new StudyRegistration.OrderData(String.format("DO%07d", i), DemoData.physicianNumber(requester), cc);
	}

	/**
	 * Cancels ten demo studies so that the rule "cancelled studies only for source
	 * admins" can be seen. There is no cancel capability in the study API yet, so the
	 * loader flags them itself.
	 */
	private void cancelSome(Random random) {
		List<String> uids = new ArrayList<>();
		for (int n = 0; n < 10; n++) {
			uids.add(DemoData.UID_PREFIX + (1 + random.nextInt(DemoData.STUDIES)));
		}
		jdbc.sql("update study.study set cancelled = true where study_instance_uid in (:uids)")
			.param("uids", uids)
			.update();
	}

}
