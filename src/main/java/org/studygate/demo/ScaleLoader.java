package org.studygate.demo;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.studygate.department.Department;
import org.studygate.department.DepartmentCode;
import org.studygate.department.Departments;
import org.studygate.directory.Users;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Loads the benchmark data set with PostgreSQL {@code COPY}, straight into the directory
 * and study tables (see the package comment for why a loader may). A million studies take
 * minutes this way; through the module APIs they would take hours.
 *
 * <p>
 * The set is shaped like a regional network: half of the bulk users are physicians, whose
 * referrals are skewed (the busiest refer a few thousand studies, the median a dozen or
 * two), 40% of them share a practice; the other half are staff, some of them in the demo
 * departments' source groups, most in medical departments. Studies go 50/30/20% to
 * RAD-NORTH, RAD-SOUTH and CARDIO-IMG, so that a source user of RAD-NORTH sees half of
 * them. Users and studies are written by {@link ScaleUsers} and {@link ScaleStudies}.
 */
@Component
class ScaleLoader {

	private static final Logger log = LoggerFactory.getLogger(ScaleLoader.class);

	static final String DOMAIN = "@bulk.demo.studygate.test";

	static final String UID_PREFIX = "1.2.826.0.1.3680043.10.1001.";

	static final long SEED = 4_242_001L;

	private final DataSource dataSource;

	private final JdbcClient jdbc;

	private final Departments departments;

	private final Users accounts;

	private final ScaleUsers users;

	private final ScaleStudies studies;

	ScaleLoader(DataSource dataSource, JdbcClient jdbc, Departments departments, Users accounts, ScaleUsers users,
			ScaleStudies studies) {
		this.dataSource = dataSource;
		this.jdbc = jdbc;
		this.departments = departments;
		this.accounts = accounts;
		this.users = users;
		this.studies = studies;
	}

	/**
	 * The username of the bulk physician of the given popularity rank (1 refers the most
	 * studies).
	 */
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
		boolean usersThere = size.users() == 0 || accounts.findByUsername(physicianUsername(1)).isPresent();
		boolean studiesThere = size.studies() == 0
				|| jdbc.sql("select exists (select 1 from study.study where study_instance_uid = :uid)")
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
					users.load(copy, size, demo);
				}
				if (!studiesThere) {
					studies.load(copy, size, demo);
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

	/** Today in the demo departments' zone: dates of the set are relative to it. */
	static LocalDate today(Clock clock) {
		return LocalDate.now(clock.withZone(ZoneId.of("Europe/Brussels")));
	}

	private static void execute(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

}
