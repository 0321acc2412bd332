package org.studygate.demo;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

import org.postgresql.copy.CopyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.studygate.department.Department;

import org.springframework.stereotype.Component;

/**
 * The bulk patients and studies of the benchmark set, written with {@code COPY} in
 * chunks: studies go 50/30/20% to RAD-NORTH, RAD-SOUTH and CARDIO-IMG, 97% of them
 * ordered, the requesters skewed so that the busiest physicians refer a few thousand
 * studies and the median a dozen or two.
 */
@Component
class ScaleStudies {

	private static final Logger log = LoggerFactory.getLogger(ScaleStudies.class);

	private static final int CHUNK = 50_000;

	private static final int[] DEPARTMENT_SHARE = { 50, 30, 20 };

	private final Clock clock;

	ScaleStudies(Clock clock) {
		this.clock = clock;
	}

	void load(CopyManager copy, ScaleSize size, List<Department> demo) throws SQLException, IOException {
		Catalogue catalogue = new Catalogue(new Random(ScaleLoader.SEED + 1), ScaleLoader.today(clock));
		Random random = catalogue.random();
		String now = clock.instant().toString();
		int physicians = ScaleLoader.physicians(size);

		UUID[][] patients = new UUID[demo.size()][];
		String[][] patientNameKeys = new String[demo.size()][];
		CopyRows patientRows = new CopyRows();
		int patientNumber = 0;
		for (int d = 0; d < demo.size(); d++) {
			patients[d] = new UUID[Math.max(1, (int) ((long) size.studies() * DEPARTMENT_SHARE[d] / 300))];
			patientNameKeys[d] = new String[patients[d].length];
			for (int p = 0; p < patients[d].length; p++) {
				UUID id = catalogue.uuid();
				patients[d][p] = id;
				Catalogue.Person person = catalogue.patient();
				patientNameKeys[d][p] = person.name().toLowerCase(Locale.ROOT);
				patientRows.row(id, demo.get(d).id().value(), String.format("BP%08d", ++patientNumber), person.name(),
						person.birthDate(), person.sex());
			}
		}
		patientRows.copyInto(copy, "study.patient (id, department_id, patient_id, name, birth_date, sex)");
		log.info("Loaded {} bulk patients.", patientNumber);

		CopyRows orders = new CopyRows();
		CopyRows copies = new CopyRows();
		CopyRows studies = new CopyRows();
		CopyRows physicianRows = new CopyRows();
		for (int i = 1; i <= size.studies(); i++) {
			int roll = random.nextInt(100);
			int d = roll < DEPARTMENT_SHARE[0] ? 0 : roll < DEPARTMENT_SHARE[0] + DEPARTMENT_SHARE[1] ? 1 : 2;
			UUID department = demo.get(d).id().value();
			int patientIndex = random.nextInt(patients[d].length);
			UUID patient = patients[d][patientIndex];
			UUID study = catalogue.uuid();
			UUID order = null;
			List<String[]> physicianRoles = new ArrayList<>(2);
			if (random.nextInt(100) >= 3) {
				order = catalogue.uuid();
				// rank = P * u²: the busiest physician refers ~sqrt(P) times the average,
				// the median ~0.7 times
				int requester = 1 + Math.min(physicians - 1, (int) (physicians * Math.pow(random.nextDouble(), 2)));
				orders.row(order, department, String.format("BO%09d", i), patient,
						ScaleLoader.physicianNumber(requester));
				physicianRoles.add(new String[] { ScaleLoader.physicianNumber(requester), "REQUESTER" });
				if (random.nextInt(100) < 10) {
					int copied = 1 + random.nextInt(physicians);
					if (copied != requester) {
						copies.row(order, ScaleLoader.physicianNumber(copied));
						physicianRoles.add(new String[] { ScaleLoader.physicianNumber(copied), "CC" });
					}
				}
			}
			LocalDate date = catalogue.studyDate();
			Catalogue.Exam exam = catalogue.exam(d == 2);
			LocalDateTime performedAt = date.atTime(catalogue.studyTime());
			String performed = performedAt.toLocalDate() + " " + performedAt.toLocalTime();
			// each physician's row keeps the study's sort key (decision 070)
			for (String[] role : physicianRoles) {
				physicianRows.row(role[0], study, role[1], performed);
			}
			boolean reported = date.isBefore(ScaleLoader.today(clock).minusDays(2)) || random.nextBoolean();
			studies.row(study, ScaleLoader.UID_PREFIX + i, String.format("%c%09d", "NSC".charAt(d), i), department,
					patient, patientNameKeys[d][patientIndex], order, date, performed, exam.modality(),
					exam.description(), exam.series(), exam.instances(), reported ? "FINAL" : "NONE",
					random.nextInt(1000) < 5, now);
			if (i % CHUNK == 0 || i == size.studies()) {
				orders.copyInto(copy,
						"study.study_order (id, department_id, order_number, patient_id, referring_physician_number)");
				copies.copyInto(copy, "study.order_cc (order_id, physician_number)");
				studies
					.copyInto(copy, "study.study (id, study_instance_uid, accession_number, department_id, patient_id, "
							+ "patient_name_key, order_id, "
							+ "study_date, performed_at, modality, description, series_count, instance_count, report_status, "
							+ "cancelled, registered_at)");
				physicianRows.copyInto(copy, "study.study_physician (physician_number, study_id, role, performed_at)");
				orders = new CopyRows();
				copies = new CopyRows();
				studies = new CopyRows();
				physicianRows = new CopyRows();
				if (i % (CHUNK * 4) == 0) {
					log.info("Loaded {} of {} bulk studies.", i, size.studies());
				}
			}
		}
	}

}
