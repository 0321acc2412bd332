package org.studygate.demo;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.studygate.department.Department;
import org.studygate.department.DepartmentCode;
import org.studygate.department.Departments;
import org.studygate.directory.GroupKind;
import org.studygate.directory.Groups;
import org.studygate.directory.Users;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Loads the benchmark data set with PostgreSQL {@code COPY}, straight into the directory and study
 * tables (see the package comment for why a loader may). A million studies take minutes this way;
 * through the module APIs they would take hours.
 *
 * <p>The set is shaped like a regional network: half of the bulk users are physicians, whose
 * referrals are skewed (the busiest refer a few thousand studies, the median a dozen or two), 40%
 * of them share a practice; the other half are staff, some of them in the demo departments' source
 * groups, most in medical departments. Studies go 50/30/20% to RAD-NORTH, RAD-SOUTH and CARDIO-IMG,
 * so that a source user of RAD-NORTH sees half of them.
 */
@Component
class ScaleLoader {

	private static final Logger log = LoggerFactory.getLogger(ScaleLoader.class);

	static final String DOMAIN = "@bulk.demo.studygate.test";

	static final String UID_PREFIX = "1.2.826.0.1.3680043.10.1001.";

	private static final long SEED = 4_242_001L;

	private static final int CHUNK = 50_000;

	private static final int[] DEPARTMENT_SHARE = { 50, 30, 20 };

	private static final int SOURCE_USERS = 900;

	private static final int SOURCE_ADMINS = 90;

	private static final int MEDICAL_DEPARTMENT_SIZE = 50;

	private final DataSource dataSource;

	private final JdbcClient jdbc;

	private final Departments departments;

	private final Users users;

	private final Groups groups;

	private final PasswordEncoder passwords;

	private final Clock clock;

	ScaleLoader(DataSource dataSource, JdbcClient jdbc, Departments departments, Users users, Groups groups,
			PasswordEncoder passwords, Clock clock) {
		this.dataSource = dataSource;
		this.jdbc = jdbc;
		this.departments = departments;
		this.users = users;
		this.groups = groups;
		this.passwords = passwords;
		this.clock = clock;
	}

	/** The username of the bulk physician of the given popularity rank (1 refers the most studies). */
	static String physicianUsername(int rank) {
		return String.format("physician.%06d", rank) + DOMAIN;
	}

	static String physicianNumber(int rank) {
		return String.format("2%07d%03d", rank, 4);
	}

	static int physicians(ScaleSize size) {
		return size.users() >= 2 ? size.users() / 2 : Math.max(1, size.studies() / 20);
	}

	boolean load(ScaleSize size) {
		if (size.isEmpty()) {
			return false;
		}
		List<Department> demo = DemoData.DEPARTMENT_CODES.stream()
			.map(code -> departments.find(new DepartmentCode(code))
				.orElseThrow(() -> new IllegalStateException("load the small demo set before the scale set")))
			.toList();
		boolean usersThere = size.users() == 0 || users.findByUsername(physicianUsername(1)).isPresent();
		boolean studiesThere = size.studies() == 0 || jdbc
			.sql("select exists (select 1 from study.study where study_instance_uid = :uid)")
			.param("uid", UID_PREFIX + 1)
			.query(Boolean.class)
			.single();
		if (usersThere && studiesThere) {
			log.info("The scale data set is loaded already.");
			return false;
		}
		long started = System.nanoTime();
		try (Connection connection = dataSource.getConnection()) {
			CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
			execute(connection, "set synchronous_commit = off");
			try {
				if (!usersThere) {
					loadUsers(copy, size, demo);
				}
				if (!studiesThere) {
					loadStudies(copy, size, demo);
				}
				log.info("Analyzing the loaded tables...");
				for (String table : List.of("directory.user_account", "directory.physician_number",
						"directory.user_group", "directory.group_membership", "study.patient", "study.study_order",
						"study.order_cc", "study.study", "study.study_physician")) {
					execute(connection, "analyze " + table);
				}
			}
			finally {
				execute(connection, "reset synchronous_commit");
			}
		}
		catch (SQLException | IOException ex) {
			throw new IllegalStateException("The scale data set could not be loaded", ex);
		}
		log.info("Loaded the scale data set ({} studies, {} users) in {} s.", size.studies(), size.users(),
				(System.nanoTime() - started) / 1_000_000_000);
		return true;
	}

	private void loadUsers(CopyManager copy, ScaleSize size, List<Department> demo) throws SQLException, IOException {
		Catalogue catalogue = new Catalogue(new Random(SEED), today());
		Random random = catalogue.random();
		String now = clock.instant().toString();
		// One Argon2 hash shared by every bulk user: hashing 100,000 passwords one by one would take
		// over an hour, and the bulk users all log in with the demo password anyway.
		String hash = passwords.encode(DemoData.PASSWORD);
		int physicians = physicians(size);
		int staff = size.users() - physicians;
		UUID[] physicianIds = new UUID[physicians];
		UUID[] staffIds = new UUID[staff];

		Rows accounts = new Rows();
		Rows numbers = new Rows();
		for (int rank = 1; rank <= physicians; rank++) {
			UUID id = catalogue.uuid();
			physicianIds[rank - 1] = id;
			accounts.row(id, physicianUsername(rank), catalogue.physicianName(), random.nextInt(3) == 0 ? "fr" : "nl",
					hash, now);
			numbers.row(physicianNumber(rank), id);
		}
		for (int n = 1; n <= staff; n++) {
			UUID id = catalogue.uuid();
			staffIds[n - 1] = id;
			boolean female = random.nextBoolean();
			accounts.row(id, String.format("staff.%06d", n) + DOMAIN,
					catalogue.givenName(female) + " " + catalogue.surname(), "nl", hash, now);
		}
		copy(copy, "directory.user_account (id, username, display_name, language, password_hash, created_at)",
				accounts);
		copy(copy, "directory.physician_number (number, user_id)", numbers);

		Rows groups = new Rows();
		Rows members = new Rows();
		int[] order = permutation(physicians, random);
		int inPractice = physicians * 2 / 5;
		int practice = 0;
		for (int at = 0; at + 1 < inPractice;) {
			int groupSize = Math.min(2 + random.nextInt(4), inPractice - at);
			UUID group = catalogue.uuid();
			groups.row(group, "PRACTICE", "Praktijk " + catalogue.surname() + " " + (++practice), now);
			for (int m = 0; m < groupSize; m++) {
				members.row(group, physicianIds[order[at + m]], m == 0 ? "ADMIN" : "MEMBER", m == 0, now);
			}
			at += groupSize;
		}
		int sourceUsers = Math.min(SOURCE_USERS, staff);
		int sourceAdmins = Math.min(SOURCE_ADMINS, staff - sourceUsers);
		for (int n = 0; n < sourceUsers + sourceAdmins; n++) {
			GroupKind kind = n < sourceUsers ? GroupKind.SOURCE_USERS : GroupKind.SOURCE_ADMINS;
			UUID group = this.groups.sourceGroup(demo.get(n % demo.size()).id().value(), kind).orElseThrow().value();
			members.row(group, staffIds[n], "MEMBER", false, now);
		}
		UUID medical = null;
		for (int n = sourceUsers + sourceAdmins; n < staff; n++) {
			int index = n - sourceUsers - sourceAdmins;
			if (index % MEDICAL_DEPARTMENT_SIZE == 0) {
				medical = catalogue.uuid();
				groups.row(medical, "MEDICAL_DEPARTMENT", "Medical department " + (index / MEDICAL_DEPARTMENT_SIZE + 1),
						now);
			}
			if (random.nextInt(10) < 8) {
				members.row(medical, staffIds[n], index % MEDICAL_DEPARTMENT_SIZE == 0 ? "ADMIN" : "MEMBER", false, now);
			}
		}
		copy(copy, "directory.user_group (id, kind, name, created_at)", groups);
		copy(copy, "directory.group_membership (group_id, user_id, role, primary_contact, confirmed_at)", members);
		log.info("Loaded {} bulk users ({} physicians, {} practices).", size.users(), physicians, practice);
	}

	private void loadStudies(CopyManager copy, ScaleSize size, List<Department> demo)
			throws SQLException, IOException {
		Catalogue catalogue = new Catalogue(new Random(SEED + 1), today());
		Random random = catalogue.random();
		String now = clock.instant().toString();
		int physicians = physicians(size);

		UUID[][] patients = new UUID[demo.size()][];
		String[][] patientNameKeys = new String[demo.size()][];
		Rows patientRows = new Rows();
		int patientNumber = 0;
		for (int d = 0; d < demo.size(); d++) {
			patients[d] = new UUID[Math.max(1, (int) ((long) size.studies() * DEPARTMENT_SHARE[d] / 300))];
			patientNameKeys[d] = new String[patients[d].length];
			for (int p = 0; p < patients[d].length; p++) {
				UUID id = catalogue.uuid();
				patients[d][p] = id;
				Catalogue.Person person = catalogue.patient();
				patientNameKeys[d][p] = person.name().toLowerCase(java.util.Locale.ROOT);
				patientRows.row(id, demo.get(d).id().value(), String.format("BP%08d", ++patientNumber), person.name(),
						person.birthDate(), person.sex());
			}
		}
		copy(copy, "study.patient (id, department_id, patient_id, name, birth_date, sex)", patientRows);
		log.info("Loaded {} bulk patients.", patientNumber);

		Rows orders = new Rows();
		Rows copies = new Rows();
		Rows studies = new Rows();
		Rows physicianRows = new Rows();
		for (int i = 1; i <= size.studies(); i++) {
			int roll = random.nextInt(100);
			int d = roll < DEPARTMENT_SHARE[0] ? 0 : roll < DEPARTMENT_SHARE[0] + DEPARTMENT_SHARE[1] ? 1 : 2;
			UUID department = demo.get(d).id().value();
			int patientIndex = random.nextInt(patients[d].length);
			UUID patient = patients[d][patientIndex];
			UUID study = catalogue.uuid();
			UUID order = null;
			if (random.nextInt(100) >= 3) {
				order = catalogue.uuid();
				// rank = P * u²: the busiest physician refers ~sqrt(P) times the average, the median ~0.7 times
				int requester = 1 + Math.min(physicians - 1, (int) (physicians * Math.pow(random.nextDouble(), 2)));
				orders.row(order, department, String.format("BO%09d", i), patient, physicianNumber(requester));
				physicianRows.row(physicianNumber(requester), study, "REQUESTER");
				if (random.nextInt(100) < 10) {
					int copied = 1 + random.nextInt(physicians);
					if (copied != requester) {
						copies.row(order, physicianNumber(copied));
						physicianRows.row(physicianNumber(copied), study, "CC");
					}
				}
			}
			LocalDate date = catalogue.studyDate();
			Catalogue.Exam exam = catalogue.exam(d == 2);
			LocalDateTime performedAt = date.atTime(catalogue.studyTime());
			boolean reported = date.isBefore(today().minusDays(2)) || random.nextBoolean();
			studies.row(study, UID_PREFIX + i, String.format("%c%09d", "NSC".charAt(d), i), department, patient,
					patientNameKeys[d][patientIndex], order,
					date, performedAt.toLocalDate() + " " + performedAt.toLocalTime(), exam.modality(),
					exam.description(), exam.series(), exam.instances(), reported ? "FINAL" : "NONE",
					random.nextInt(1000) < 5, now);
			if (i % CHUNK == 0 || i == size.studies()) {
				copy(copy, "study.study_order (id, department_id, order_number, patient_id, referring_physician_number)",
						orders);
				copy(copy, "study.order_cc (order_id, physician_number)", copies);
				copy(copy, "study.study (id, study_instance_uid, accession_number, department_id, patient_id, "
						+ "patient_name_key, order_id, "
						+ "study_date, performed_at, modality, description, series_count, instance_count, report_status, "
						+ "cancelled, registered_at)", studies);
				copy(copy, "study.study_physician (physician_number, study_id, role)", physicianRows);
				orders = new Rows();
				copies = new Rows();
				studies = new Rows();
				physicianRows = new Rows();
				if (i % (CHUNK * 4) == 0) {
					log.info("Loaded {} of {} bulk studies.", i, size.studies());
				}
			}
		}
	}

	private LocalDate today() {
		return LocalDate.now(clock.withZone(ZoneId.of("Europe/Brussels")));
	}

	private static int[] permutation(int size, Random random) {
		int[] order = new int[size];
		for (int i = 0; i < size; i++) {
			order[i] = i;
		}
		for (int i = size - 1; i > 0; i--) {
			int j = random.nextInt(i + 1);
			int swap = order[i];
			order[i] = order[j];
			order[j] = swap;
		}
		return order;
	}

	private static void copy(CopyManager copy, String target, Rows rows) throws SQLException, IOException {
		if (rows.isEmpty()) {
			return;
		}
		copy.copyIn("copy " + target + " from stdin", new StringReader(rows.text()), 1 << 16);
	}

	private static void execute(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	/** Rows in the text format of {@code COPY}: tab-separated, {@code \N} for null. */
	private static final class Rows {

		private final StringBuilder text = new StringBuilder(1 << 20);

		private int count;

		void row(Object... values) {
			for (int i = 0; i < values.length; i++) {
				if (i > 0) {
					text.append('\t');
				}
				Object value = values[i];
				if (value == null) {
					text.append("\\N");
				}
				else {
					String string = value.toString();
					for (int c = 0; c < string.length(); c++) {
						char ch = string.charAt(c);
						switch (ch) {
							case '\\' -> text.append("\\\\");
							case '\t' -> text.append("\\t");
							case '\n' -> text.append("\\n");
							case '\r' -> text.append("\\r");
							default -> text.append(ch);
						}
					}
				}
			}
			text.append('\n');
			count++;
		}

		boolean isEmpty() {
			return count == 0;
		}

		String text() {
			return text.toString();
		}

	}

}
