package org.studygate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code STUDYGATE_DB_URL} set, Studygate uses that PostgreSQL and starts none of
 * its own.
 */
@StudygateTest
class ExternalDatabaseTests {

	@Autowired
	DataSource testDatabase;

	@Test
	void usesTheConfiguredDatabaseAndStartsNoEmbeddedOne(@TempDir Path dataDir) throws Exception {
		String url;
		String user;
		try (Connection connection = testDatabase.getConnection()) {
			url = connection.getMetaData().getURL();
			user = connection.getMetaData().getUserName();
		}
		String department = "EXT" + Fixtures.unique();

		try (ConfigurableApplicationContext external = new SpringApplicationBuilder(StudygateApplication.class)
			.profiles("test")
			.run("--studygate.db.url=" + url, "--studygate.db.user=" + user, "--studygate.db.password=",
					"--studygate.db.embedded-clean=false", "--studygate.data-dir=" + dataDir, "--server.port=0")) {
			HikariDataSource pool = external.getBean(HikariDataSource.class);
			assertThat(pool.getJdbcUrl()).isEqualTo(url);
			external.getBean(JdbcClient.class)
				.sql("insert into department.department (id, code, name, time_zone, created_at) "
						+ "values (gen_random_uuid(), :code, 'External', 'UTC', now())")
				.param("code", department)
				.update();
		}

		assertThat(Files.exists(dataDir.resolve("postgres"))).isFalse();
		assertThat(JdbcClient.create(testDatabase)
			.sql("select count(*) from department.department where code = :code")
			.param("code", department)
			.query(Integer.class)
			.single()).isEqualTo(1);
	}

}
