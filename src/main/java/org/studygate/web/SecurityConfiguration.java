package org.studygate.web;

import java.time.Clock;

import jakarta.servlet.http.HttpServletResponse;

import org.studygate.directory.ApiTokens;
import org.studygate.directory.Actor;
import org.studygate.directory.CodePrincipal;
import org.studygate.directory.Directory;
import org.studygate.directory.SingleSignOn;
import org.studygate.directory.StaffPrincipal;
import org.studygate.directory.TwoFactor;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.core.Authentication;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.XXssProtectionHeaderWriter;

/**
 * The REST API is stateless, takes bearer tokens and refuses bodies over 1 MiB; the pages
 * use a form login, a session in PostgreSQL (new id at login, at most 4 hours) and CSRF
 * tokens; patients, the DICOMweb gateway and the operations endpoints have chains of
 * their own.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data: blob:; "
			+ "style-src 'self'; script-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; "
			+ "form-action 'self'";

	/**
	 * The OHIF viewer's policy, on {@code /viewer/**} alone: its image decoders are
	 * WebAssembly run in workers from blob addresses, and it styles its elements inline
	 * (docs/decisions/055-ohif-viewer-on-the-gateway.md). Its data comes from the same
	 * origin only.
	 */
	static final String VIEWER_CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data: blob:; "
			+ "style-src 'self' 'unsafe-inline'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self' blob:; "
			+ "connect-src 'self' blob: data:; font-src 'self' data:; object-src 'none'; frame-ancestors 'none'; "
			+ "base-uri 'self'; form-action 'self'";

	@Bean
	AuthenticationManager authenticationManager(StaffAuthenticationProvider provider) {
		return new ProviderManager(provider);
	}

	@Bean
	@Order(1)
	SecurityFilterChain api(HttpSecurity http, ApiTokens tokens, ProblemWriter problems) throws Exception {
		http.securityMatcher("/api/**", "/fhir/**")
			.addFilterAfter(new RequestBodyLimit(problems), HeaderWriterFilter.class)
			.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf(c -> c.disable())
			.requestCache(c -> c.disable())
			.addFilterBefore(new BearerTokenFilter(tokens), AnonymousAuthenticationFilter.class)
			.authorizeHttpRequests(a -> a.requestMatchers(HttpMethod.POST, "/api/v1/auth/token")
				.permitAll()
				.anyRequest()
				.authenticated())
			.exceptionHandling(e -> e
				.authenticationEntryPoint((request, response, ex) -> problems.write(request, response,
						HttpServletResponse.SC_UNAUTHORIZED, "Authentication required",
						"Send a bearer token from POST /api/v1/auth/token."))
				.accessDeniedHandler((request, response, ex) -> problems.write(request, response,
						HttpServletResponse.SC_FORBIDDEN, "Forbidden", "You may not do this.")))
			.headers(this::headers);
		return http.build();
	}

	/**
	 * Patients signed in with a reference number (decision 015): their own chain over
	 * {@code /patient/**}, whose bodies are capped like the API's (decision 035), a
	 * session in PostgreSQL like staff pages (30 minutes idle, 4 hours at most), CSRF
	 * tokens on the pages; the app login {@code POST /patient/api/login} takes JSON
	 * without a CSRF token and answers with the session cookie. The login, second-step
	 * and branding pages are open; everything else needs a code session. A code session
	 * never passes the staff chain below.
	 */
	@Bean
	@Order(0)
	SecurityFilterChain patient(HttpSecurity http, Clock clock, ProblemWriter problems) throws Exception {
		http.securityMatcher("/patient/**")
			.addFilterAfter(new RequestBodyLimit(problems), HeaderWriterFilter.class)
			.addFilterBefore(new AbsoluteSessionLimit(clock), SecurityContextHolderFilter.class)
			.sessionManagement(s -> s.sessionFixation(f -> f.changeSessionId()))
			.csrf(c -> c.ignoringRequestMatchers("/patient/api/**"))
			.requestCache(c -> c.disable())
			.authorizeHttpRequests(a -> a
				.requestMatchers("/patient/studies", "/patient/studies/**", "/patient/api/studies",
						"/patient/api/studies/**", "/patient/logout")
				.hasAuthority(CodePrincipal.AUTHORITY)
				.anyRequest()
				.permitAll())
			.exceptionHandling(e -> e.defaultAuthenticationEntryPointFor(
					(request, response, ex) -> problems.write(request, response, HttpServletResponse.SC_UNAUTHORIZED,
							"Authentication required", "Sign in with POST /patient/api/login."),
					request -> request.getRequestURI().contains("/patient/api/"))
				.defaultAuthenticationEntryPointFor(
						(request, response, ex) -> response.sendRedirect(request.getContextPath() + "/patient"),
						request -> true))
			.logout(l -> l.logoutUrl("/patient/logout").logoutSuccessUrl("/patient?logout"))
			.headers(this::headers);
		return http.build();
	}

	/**
	 * The DICOMweb gateway (decision 019): read-only, so no CSRF token is needed for its
	 * GETs; it takes a bearer token (viewers, integrations) or an existing session (the
	 * study page's viewer, patient sessions), never creates a session, and answers
	 * browser viewers of the configured origins (CORS).
	 */
	@Bean
	@Order(2)
	SecurityFilterChain dicomWeb(HttpSecurity http, ApiTokens tokens, ProblemWriter problems, Clock clock,
			@org.springframework.beans.factory.annotation.Value("${studygate.archive.cors-origins:}") java.util.List<String> corsOrigins)
			throws Exception {
		org.springframework.web.cors.CorsConfiguration cors = new org.springframework.web.cors.CorsConfiguration();
		cors.setAllowedOrigins(corsOrigins.stream().filter(o -> !o.isBlank()).toList());
		cors.setAllowedMethods(java.util.List.of("GET", "HEAD", "OPTIONS"));
		cors.setAllowedHeaders(java.util.List.of("Authorization", "Accept", "Content-Type"));
		cors.setAllowCredentials(false);
		cors.setMaxAge(3600L);
		org.springframework.web.cors.UrlBasedCorsConfigurationSource corsSource = new org.springframework.web.cors.UrlBasedCorsConfigurationSource();
		corsSource.registerCorsConfiguration("/dicomweb/**", cors);
		http.securityMatcher("/dicomweb/**")
			.addFilterBefore(new AbsoluteSessionLimit(clock), SecurityContextHolderFilter.class)
			.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.NEVER))
			.requestCache(c -> c.disable())
			.cors(c -> c.configurationSource(corsSource))
			.addFilterBefore(new BearerTokenFilter(tokens), AnonymousAuthenticationFilter.class)
			.authorizeHttpRequests(
					a -> a.requestMatchers(HttpMethod.GET, "/dicomweb/**").authenticated().anyRequest().denyAll())
			.exceptionHandling(e -> e.authenticationEntryPoint((request, response, ex) -> {
				response.setHeader("WWW-Authenticate", "Bearer realm=\"studygate\"");
				problems.write(request, response, HttpServletResponse.SC_UNAUTHORIZED, "Authentication required",
						"Send a bearer token from POST /api/v1/auth/token, or sign in.");
			})
				.accessDeniedHandler((request, response, ex) -> problems.write(request, response,
						HttpServletResponse.SC_FORBIDDEN, "Forbidden", "You may not do this.")))
			.headers(this::headers);
		return http.build();
	}

	/**
	 * Operations and API documents (decision 035): health is open to load balancers; the
	 * metrics and every other actuator endpoint are for the service desk, the OpenAPI
	 * document and Swagger UI for staff, by bearer token or session.
	 * {@code studygate.security.public-metrics} and
	 * {@code studygate.security.public-api-docs} open them to anybody, for a deployment
	 * that protects them elsewhere.
	 */
	@Bean
	@Order(3)
	SecurityFilterChain operations(HttpSecurity http, ApiTokens tokens, ProblemWriter problems, Clock clock,
			Directory directory, org.springframework.context.ApplicationEventPublisher events,
			@org.springframework.beans.factory.annotation.Value("${studygate.security.public-metrics:false}") boolean publicMetrics,
			@org.springframework.beans.factory.annotation.Value("${studygate.security.public-api-docs:false}") boolean publicApiDocs)
			throws Exception {
		String[] docs = { "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html" };
		http.securityMatcher("/actuator/**", "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html")
			.addFilterBefore(new AbsoluteSessionLimit(clock), SecurityContextHolderFilter.class)
			.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.NEVER))
			.requestCache(c -> c.disable())
			.addFilterBefore(new BearerTokenFilter(tokens), AnonymousAuthenticationFilter.class)
			.authorizeHttpRequests(a -> {
				a.requestMatchers("/actuator/health", "/actuator/health/**").permitAll();
				if (publicMetrics) {
					a.requestMatchers("/actuator/prometheus").permitAll();
				}
				if (publicApiDocs) {
					a.requestMatchers(docs).permitAll();
				}
				a.requestMatchers(docs)
					.access((authentication, context) -> new AuthorizationDecision(isStaff(authentication.get())))
					.anyRequest()
					.access((authentication,
							context) -> new AuthorizationDecision(isServiceDesk(authentication.get(), directory)));
			})
			.exceptionHandling(e -> e
				.defaultAuthenticationEntryPointFor(
						(request, response, ex) -> response.sendRedirect(request.getContextPath() + "/login"),
						request -> request.getRequestURI().contains("/swagger-ui"))
				.defaultAuthenticationEntryPointFor((request, response, ex) -> {
					response.setHeader("WWW-Authenticate", "Bearer realm=\"studygate\"");
					problems.write(request, response, HttpServletResponse.SC_UNAUTHORIZED, "Authentication required",
							"Send a bearer token from POST /api/v1/auth/token, or sign in.");
				}, request -> true)
				.accessDeniedHandler(new OperationsRefusals(problems, directory, events, clock)))
			.headers(this::headers);
		return http.build();
	}

	/**
	 * The OHIF viewer's static files and page, open to anybody (they hold no data: every
	 * image comes through the gateway's own chain, which needs a staff or code session),
	 * with the viewer's wider Content-Security-Policy.
	 */
	@Bean
	@Order(4)
	SecurityFilterChain viewer(HttpSecurity http) throws Exception {
		http.securityMatcher("/viewer", "/viewer/**")
			.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.NEVER))
			.requestCache(c -> c.disable())
			.csrf(c -> c.disable())
			.authorizeHttpRequests(
					a -> a.requestMatchers(HttpMethod.GET, "/viewer", "/viewer/**").permitAll().anyRequest().denyAll())
			.headers(headers -> headers(headers, VIEWER_CONTENT_SECURITY_POLICY));
		return http.build();
	}

	/** A staff user whom the directory knows as the service desk. */
	static boolean isServiceDesk(Authentication authentication, Directory directory) {
		return isStaff(authentication) && authentication.getPrincipal() instanceof StaffPrincipal principal
				&& directory.actorOf(principal.userId()).map(Actor::serviceDesk).orElse(false);
	}

	/**
	 * The staff pages: the login form and, where identity providers are configured, their
	 * OpenID Connect sign-in (decision 056); a logout of a provider's session ends it at
	 * the provider too where it can.
	 */
	@Bean
	@Order(10)
	SecurityFilterChain pages(HttpSecurity http, Clock clock, TwoFactor twoFactor, SingleSignOn signOn,
			org.springframework.beans.factory.ObjectProvider<ClientRegistrationRepository> registrations,
			@org.springframework.beans.factory.annotation.Value("${studygate.public-url}") String publicUrl)
			throws Exception {
		ClientRegistrationRepository providers = registrations.getIfAvailable();
		String policy = CONTENT_SECURITY_POLICY;
		if (providers != null) {
			// the logout may redirect to a provider's end of session (decision 056)
			policy = SingleSignOnHandlers.formActionsFor(CONTENT_SECURITY_POLICY, providers);
			http.oauth2Login(o -> o.loginPage("/login")
				.userInfoEndpoint(u -> u.oidcUserService(new SingleSignOnUsers(signOn)))
				.successHandler(SingleSignOnHandlers.signedIn())
				.failureUrl("/login?sso-error"));
		}
		String pagePolicy = policy;
		http.addFilterBefore(new AbsoluteSessionLimit(clock), SecurityContextHolderFilter.class)
			.sessionManagement(s -> s.sessionFixation(f -> f.changeSessionId()))
			.authorizeHttpRequests(a -> a
				.requestMatchers("/login", "/login/two-factor", "/login/two-factor/**", "/reconfirm/*/*", "/css/**",
						"/js/**", "/img/**", "/favicon.ico", "/error")
				.permitAll()
				.anyRequest()
				.access((authentication, context) -> new AuthorizationDecision(isStaff(authentication.get()))))
			.formLogin(f -> f.loginPage("/login")
				.authenticationDetailsSource(StaffLoginDetails::new)
				.successHandler(new RememberBrowserSuccessHandler(twoFactor))
				.failureHandler(StaffAuthenticationProvider.failureHandler(clock)))
			.logout(l -> l.logoutUrl("/logout")
				.logoutSuccessHandler(SingleSignOnHandlers.loggedOut(providers, publicUrl)))
			.headers(headers -> headers(headers, pagePolicy));
		return http.build();
	}

	/** Signed in, and not with a code: a patient's session never opens staff pages. */
	static boolean isStaff(Authentication authentication) {
		return authentication != null && authentication.isAuthenticated()
				&& !(authentication instanceof AnonymousAuthenticationToken)
				&& authentication.getAuthorities()
					.stream()
					.noneMatch(a -> CodePrincipal.AUTHORITY.equals(a.getAuthority()));
	}

	private void headers(
			org.springframework.security.config.annotation.web.configurers.HeadersConfigurer<HttpSecurity> headers) {
		headers(headers, CONTENT_SECURITY_POLICY);
	}

	private void headers(
			org.springframework.security.config.annotation.web.configurers.HeadersConfigurer<HttpSecurity> headers,
			String policy) {
		headers.contentSecurityPolicy(c -> c.policyDirectives(policy))
			.referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
			.xssProtection(x -> x.headerValue(XXssProtectionHeaderWriter.HeaderValue.DISABLED))
			.frameOptions(f -> f.deny())
			.httpStrictTransportSecurity(h -> h.includeSubDomains(true));
	}

}
