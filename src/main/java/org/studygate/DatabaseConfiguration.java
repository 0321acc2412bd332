package org.studygate;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

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
 * and without them the one user does both. How the embedded server survives crashes is
 * {@link EmbeddedDatabase}'s.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

	/** The role the application works as on the embedded server. */
	static final String EMBEDDED_APP_ROLE = EmbeddedDatabase.APP_ROLE;

	/**
	 * The major version of the embedded server's binaries
	 * (docs/decisions/002-postgresql-embedded-default.md).
	 */
	static final String EMBEDDED_MAJOR_VERSION = EmbeddedDatabase.MAJOR_VERSION;

	/**
	 * Run on every new connection: a server or role configured with
	 * {@code synchronous_commit = off} could lose transactions already reported
	 * committed, the access log's among them; such a setting is raised to {@code on}, any
	 * stronger one is kept (docs/decisions/043-crash-safe-embedded-database.md).
	 */
	static final String DURABLE_COMMITS = "select set_config('synchronous_commit', 'on', false)"
			+ " where current_setting('synchronous_commit') = 'off'";

	@Bean(destroyMethod = "close")
	@Primary
	HikariDataSource dataSource(@Value("${studygate.db.url:}") String url, @Value("${studygate.db.user:}") String user,
			@Value("${studygate.db.password:}") String password, @Value("${studygate.db.pool-size:10}") int poolSize,
			@Value("${studygate.db.embedded-clean:false}") boolean clean,
			@Value("${studygate.db.connection-wait:PT5S}") Duration connectionWait, StudygateProperties properties) {
		HikariConfig config = new HikariConfig();
		config.setPoolName("studygate");
		config.setMaximumPoolSize(poolSize);
		config.setConnectionTimeout(connectionWait(connectionWait));
		config.setConnectionInitSql(DURABLE_COMMITS);
		if (!url.isBlank()) {
			config.setJdbcUrl(url);
			config.setUsername(user);
			config.setPassword(password);
			return new HikariDataSource(config);
		}
		EmbeddedDatabase.acquire(properties.dataDir(), clean);
		config.setDataSource(EmbeddedDatabase.appDataSource());
		return new HikariDataSource(config) {

			@Override
			public void close() {
				super.close();
				EmbeddedDatabase.release();
			}

		};
	}

	/**
	 * How long a request waits for a pooled connection before it fails, in milliseconds
	 * (decision 046). While the database cannot be reached, every request waits this long
	 * and is then answered 503, and the readiness probe, which asks the pool too, reports
	 * DOWN after it; the pool's own default of thirty seconds would hold each request,
	 * and a load balancer's probe, that long.
	 */
	private static long connectionWait(Duration wait) {
		if (wait.toMillis() < 250) {
			throw new IllegalArgumentException("studygate.db.connection-wait must be at least 250 milliseconds");
		}
		return wait.toMillis();
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
		config.setConnectionTimeout(application.getConnectionTimeout());
		config.setConnectionInitSql(DURABLE_COMMITS);
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
		return EmbeddedDatabase.ownerDataSource();
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

}
