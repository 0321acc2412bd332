package org.studygate.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.DefaultCookieSerializer;

/**
 * The session cookie of pages (sessions themselves live in PostgreSQL through Spring
 * Session JDBC, so that several instances share them): never readable by scripts, only
 * sent over HTTPS, and not sent on cross-site sub-requests. A new session's row commits
 * without waiting for the disk (decision 075).
 */
@Configuration(proxyBeanMethods = false)
class SessionConfiguration {

	static final String COOKIE = "STUDYGATE_SESSION";

	/**
	 * Spring Session's insert of a new session, in a transaction whose commit does not
	 * wait for the WAL flush (set locally, for this transaction only): a crash of
	 * PostgreSQL can forget the sessions opened in its last fraction of a second, whose
	 * holders sign in again; their sign-ins' log entries are committed durably before.
	 * Every later change of a session, its end and its removal (sign-out, revocation)
	 * still commit durably, and, the WAL being written in order, flush the insert before
	 * them.
	 */
	static final String CREATE_SESSION = """
			WITH commit_without_waiting AS (SELECT set_config('synchronous_commit', 'off', true))
			INSERT INTO %TABLE_NAME% (PRIMARY_ID, SESSION_ID, CREATION_TIME, LAST_ACCESS_TIME, MAX_INACTIVE_INTERVAL,
			                          EXPIRY_TIME, PRINCIPAL_NAME)
			SELECT ?, ?, ?, ?, ?, ?, ? FROM commit_without_waiting
			""";

	@Bean
	SessionRepositoryCustomizer<JdbcIndexedSessionRepository> sessionCreationWithoutDiskWait() {
		return repository -> repository.setCreateSessionQuery(CREATE_SESSION);
	}

	@Bean
	CookieSerializer cookieSerializer() {
		DefaultCookieSerializer cookies = new DefaultCookieSerializer();
		cookies.setCookieName(COOKIE);
		cookies.setCookiePath("/");
		cookies.setUseSecureCookie(true);
		cookies.setUseHttpOnlyCookie(true);
		cookies.setSameSite("Lax");
		return cookies;
	}

}
