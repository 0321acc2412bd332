package org.studygate;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A commit reported to the application is on disk: the embedded server runs with
 * {@code synchronous_commit = on}, and every connection of the application raises a
 * server's {@code off} to {@code on}
 * (docs/decisions/043-crash-safe-embedded-database.md).
 */
@StudygateTest
class DurableCommitTests {

	@Autowired
	HikariDataSource application;

	@Test
	void theEmbeddedServerAndTheApplicationsConnectionsCommitSynchronously() throws SQLException {
		try (Connection owner = EmbeddedDatabase.ownerDataSource().getConnection()) {
			assertThat(setting(owner)).isEqualTo("on");
		}
		try (Connection connection = this.application.getConnection()) {
			assertThat(setting(connection)).isEqualTo("on");
		}
	}

	@Test
	void aServerSettingOfOffIsRaisedAndAStrongerOneKept() throws SQLException {
		try (Connection connection = EmbeddedDatabase.ownerDataSource().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("set synchronous_commit = off");
			statement.execute(DatabaseConfiguration.DURABLE_COMMITS);
			assertThat(setting(connection)).isEqualTo("on");

			statement.execute("set synchronous_commit = remote_apply");
			statement.execute(DatabaseConfiguration.DURABLE_COMMITS);
			assertThat(setting(connection)).isEqualTo("remote_apply");
		}
	}

	private static String setting(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet row = statement.executeQuery("show synchronous_commit")) {
			row.next();
			return row.getString(1);
		}
	}

}
