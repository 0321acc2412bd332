package org.studygate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one database: an external PostgreSQL when {@code STUDYGATE_DB_URL} is set, otherwise an
 * embedded PostgreSQL whose files live under {@code STUDYGATE_DATA_DIR/postgres}, so that a restart
 * keeps the data. The embedded server is shared by every application context of one JVM (the test
 * run starts one server for all its tests).
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

	private static final Logger log = LoggerFactory.getLogger(DatabaseConfiguration.class);

	private static EmbeddedPostgres embedded;

	private static int users;

	private static boolean cleaned;

	@Bean(destroyMethod = "close")
	HikariDataSource dataSource(@Value("${studygate.db.url:}") String url,
			@Value("${studygate.db.user:}") String user, @Value("${studygate.db.password:}") String password,
			@Value("${studygate.db.pool-size:10}") int poolSize,
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
		config.setDataSource(acquireEmbedded(properties.dataDir().resolve("postgres"), clean));
		return new HikariDataSource(config) {

			@Override
			public void close() {
				super.close();
				releaseEmbedded();
			}

		};
	}

	/**
	 * Starts the embedded server for the first application context of the JVM; later contexts (the
	 * test run's) share it. A clean start wipes the data directory once per JVM.
	 */
	private static synchronized DataSource acquireEmbedded(Path directory, boolean clean) {
		if (embedded == null) {
			try {
				Files.createDirectories(directory);
				embedded = EmbeddedPostgres.builder()
					.setDataDirectory(directory)
					.setCleanDataDirectory(clean && !cleaned)
					.setRegisterShutdownHook(false)
					.setServerConfig("max_connections", "200")
					.setServerConfig("shared_buffers", "256MB")
					.setServerConfig("fsync", System.getProperty("studygate.db.fsync", "on"))
					.start();
				cleaned = true;
				log.info("Embedded PostgreSQL started on port {} with data in {}", embedded.getPort(),
						directory.toAbsolutePath());
			}
			catch (IOException ex) {
				throw new UncheckedIOException("The embedded PostgreSQL could not start in " + directory, ex);
			}
		}
		users++;
		return embedded.getPostgresDatabase();
	}

	/**
	 * Stops the embedded server when the last context using it has closed its pool, so that nothing
	 * still needs the database while it stops.
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
