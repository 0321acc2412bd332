package org.studygate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.flyway.autoconfigure.FlywayDataSource;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * The one database: an external PostgreSQL when {@code STUDYGATE_DB_URL} is set,
 * otherwise an embedded PostgreSQL whose files live under
 * {@code STUDYGATE_DATA_DIR/postgres}, so that a restart keeps the data. The embedded
 * server is shared by every application context of one JVM (the test run starts one
 * server for all its tests).
 * <p>
 * Two roles (decision 010): Flyway migrates as the owner, the application works as a role
 * that may only read and append to the access log. The embedded server's owner is its
 * superuser and the application role {@value #EMBEDDED_APP_ROLE} is created here; an
 * external database names its owner in {@code STUDYGATE_DB_OWNER_USER}/{@code _PASSWORD},
 * and without them the one user does both.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

	private static final Logger log = LoggerFactory.getLogger(DatabaseConfiguration.class);

	private static EmbeddedPostgres embedded;

	private static int users;

	private static boolean cleaned;

	/** The role the application works as on the embedded server. */
	static final String EMBEDDED_APP_ROLE = "studygate_app";

	@Bean(destroyMethod = "close")
	@Primary
	HikariDataSource dataSource(@Value("${studygate.db.url:}") String url, @Value("${studygate.db.user:}") String user,
			@Value("${studygate.db.password:}") String password, @Value("${studygate.db.pool-size:10}") int poolSize,
			@Value("${studygate.db.embedded-clean:false}") boolean clean, StudygateProperties properties) {
		HikariConfig config = new HikariConfig();
		config.setPoolName("studygate");
		config.setMaximumPoolSize(poolSize);
		if (!url.isBlank()) {
			config.setJdbcUrl(url);
			config.setUsername(user);
			config.setPassword(password);
			return new HikariDataSource(config);
		}
		acquireEmbedded(properties.dataDir().resolve("postgres"), clean);
		config.setDataSource(embeddedAppDatabase());
		return new HikariDataSource(config) {

			@Override
			public void close() {
				super.close();
				releaseEmbedded();
			}

		};
	}

	/**
	 * Two connections of their own for the access-log entries that must outlive the
	 * request's transaction (denials, failed logins). A request that already holds a
	 * pooled connection would otherwise wait on its own pool for a second one: a burst of
	 * refused requests as large as the pool would stall every one of them, and lose their
	 * entries.
	 */
	@Bean(name = "independentLogDataSource", destroyMethod = "close", defaultCandidate = false)
	HikariDataSource independentLogDataSource(HikariDataSource application) {
		HikariConfig config = new HikariConfig();
		config.setPoolName("studygate-log");
		config.setMaximumPoolSize(2);
		config.setMinimumIdle(0);
		if (application.getDataSource() != null) {
			config.setDataSource(application.getDataSource());
		}
		else {
			config.setJdbcUrl(application.getJdbcUrl());
			config.setUsername(application.getUsername());
			config.setPassword(application.getPassword());
		}
		return new HikariDataSource(config);
	}

	/**
	 * The connection Flyway migrates with: the owner of the schemas. Not a pool, and not
	 * the application's: nothing else uses it.
	 */
	@Bean
	@FlywayDataSource
	DataSource ownerDataSource(HikariDataSource application, @Value("${studygate.db.url:}") String url,
			@Value("${studygate.db.owner-user:}") String owner,
			@Value("${studygate.db.owner-password:}") String password) {
		if (!url.isBlank()) {
			if (owner.isBlank()) {
				return new SimpleDriverDataSource(new org.postgresql.Driver(), url, application.getUsername(),
						application.getPassword());
			}
			return new SimpleDriverDataSource(new org.postgresql.Driver(), url, owner, password);
		}
		return embeddedOwnerDatabase();
	}

	/**
	 * Tells the afterMigrate callback which role to grant the application's rights to:
	 * the pool's user, unless it is the owner itself.
	 */
	@Bean
	FlywayConfigurationCustomizer applicationRoleGrants(HikariDataSource application,
			@Value("${studygate.db.url:}") String url) {
		String role = url.isBlank() ? EMBEDDED_APP_ROLE
				: application.getUsername() == null ? "" : application.getUsername();
		return configuration -> {
			Map<String, String> placeholders = new HashMap<>(configuration.getPlaceholders());
			placeholders.put("appRole", role);
			configuration.placeholders(placeholders);
		};
	}

	private static synchronized DataSource embeddedOwnerDatabase() {
		return embedded.getPostgresDatabase();
	}

	private static synchronized DataSource embeddedAppDatabase() {
		// multi-row INSERTs for JDBC batches (the access log's entries of a transaction
		// go in one batch)
		return embedded.getDatabase(EMBEDDED_APP_ROLE, "postgres", Map.of("reWriteBatchedInserts", "true"));
	}

	/**
	 * Creates the application's role on the embedded server if it does not exist yet. It
	 * logs in without a password: the embedded server listens on localhost only and
	 * trusts local connections.
	 */
	private static void createApplicationRole(DataSource superuser) {
		try (Connection connection = superuser.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute("do $$ begin if not exists (select 1 from pg_roles where rolname = '" + EMBEDDED_APP_ROLE
					+ "') then create role " + EMBEDDED_APP_ROLE
					+ " login nosuperuser nocreatedb nocreaterole; end if; end $$");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("The application role could not be created on the embedded PostgreSQL", ex);
		}
	}

	/**
	 * Starts the embedded server for the first application context of the JVM; later
	 * contexts (the test run's) share it. A clean start wipes the data directory once per
	 * JVM.
	 */
	private static synchronized void acquireEmbedded(Path directory, boolean clean) {
		if (embedded == null) {
			try {
				Files.createDirectories(directory);
				if (!(clean && !cleaned)) {
					requireMajorVersion(directory);
				}
				embedded = EmbeddedPostgres.builder()
					.setDataDirectory(directory)
					.setCleanDataDirectory(clean && !cleaned)
					.setRegisterShutdownHook(false)
					.setServerConfig("max_connections", "200")
					.setServerConfig("shared_buffers", "256MB")
					.setServerConfig("fsync", System.getProperty("studygate.db.fsync", "on"))
					.start();
				cleaned = true;
				createApplicationRole(embedded.getPostgresDatabase());
				log.info("Embedded PostgreSQL started on port {} with data in {}", embedded.getPort(),
						directory.toAbsolutePath());
			}
			catch (IOException ex) {
				throw new UncheckedIOException("The embedded PostgreSQL could not start in " + directory, ex);
			}
		}
		users++;
	}

	/**
	 * The major version of the embedded server's binaries
	 * (docs/decisions/002-postgresql-embedded-default.md).
	 */
	static final String EMBEDDED_MAJOR_VERSION = "15";

	/**
	 * Refuses a data directory made by another major version of PostgreSQL, which the
	 * server could not open, with what to do about it.
	 */
	private static void requireMajorVersion(Path directory) throws IOException {
		Path version = directory.resolve("PG_VERSION");
		if (Files.exists(version)) {
			String found = Files.readString(version).strip();
			if (!found.equals(EMBEDDED_MAJOR_VERSION)) {
				throw new IllegalStateException("The embedded database in " + directory.toAbsolutePath()
						+ " was made by PostgreSQL " + found + "; this version of Studygate runs PostgreSQL "
						+ EMBEDDED_MAJOR_VERSION + ". Move that directory away (or set STUDYGATE_DATA_DIR to another"
						+ " directory) to start with a new embedded database, or back it up and restore it into this"
						+ " version (docs/operations.md).");
			}
		}
	}

	/**
	 * Stops the embedded server when the last context using it has closed its pool, so
	 * that nothing still needs the database while it stops.
	 */
	private static synchronized void releaseEmbedded() {
		users--;
		if (users == 0 && embedded != null) {
			try {
				embedded.close();
			}
			catch (IOException ex) {
				log.warn("The embedded PostgreSQL did not stop cleanly", ex);
			}
			embedded = null;
		}
	}

}
