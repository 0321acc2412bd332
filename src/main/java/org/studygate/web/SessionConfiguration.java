package org.studygate.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.DefaultCookieSerializer;

/**
 * The session cookie of pages (sessions themselves live in PostgreSQL through Spring
 * Session JDBC, so that several instances share them): never readable by scripts, only
 * sent over HTTPS, and not sent on cross-site sub-requests.
 */
@Configuration(proxyBeanMethods = false)
class SessionConfiguration {

	static final String COOKIE = "STUDYGATE_SESSION";

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
