package org.studygate.web;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;
import org.studygate.ConflictException;
import org.studygate.InvalidInputException;
import org.studygate.directory.ApiTokens;
import org.studygate.directory.Directory;
import org.studygate.directory.UserId;
import org.studygate.study.StudyId;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.stereotype.Controller;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.filter.OncePerRequestFilter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.forwardedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

/**
 * How {@link ApiErrors} and {@link PageErrors} answer what a controller throws, in a web
 * slice: a probe controller for the API and one for the pages behind the application's
 * own security chains, identifier converters and advice. No database is started; the
 * directory and the API tokens, which the web configuration and the chains are built
 * with, are mocked and never asked.
 */
@WebMvcTest(controllers = { ErrorMappingSliceTests.ApiProbe.class, ErrorMappingSliceTests.PageProbe.class })
@Import({ SecurityConfiguration.class, ProblemWriter.class, ErrorMappingSliceTests.ApiProbe.class,
		ErrorMappingSliceTests.PageProbe.class, ErrorMappingSliceTests.FailingFilter.class,
		PageErrors.ErrorPage.class })
class ErrorMappingSliceTests {

	/** Internal text of a failure, which no answer may show. */
	static final String INTERNAL = "connection to db-internal-7:5432 refused";

	static final String API = "/api/v1/error-probe";

	static final String PAGES = "/error-probe";

	@Autowired
	MockMvc mvc;

	@Autowired
	ApplicationContext context;

	@MockitoBean
	Directory directory;

	@MockitoBean
	org.studygate.directory.Users users;

	@MockitoBean
	ApiTokens tokens;

	@MockitoBean
	StaffAuthenticationProvider staffAuthentication;

	@MockitoBean
	org.studygate.directory.TwoFactor twoFactor;

	@MockitoBean
	org.studygate.directory.SingleSignOn singleSignOn;

	@TestConfiguration(proxyBeanMethods = false)
	static class Clocks {

		@Bean
		Clock clock() {
			return Clock.systemUTC();
		}

	}

	/**
	 * A filter in front of the controllers, as the session and token filters are, that
	 * fails as they do while the database is down.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class FailingFilter {

		@Bean
		FilterRegistrationBean<OncePerRequestFilter> sessionLoadingFails() {
			FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
					new OncePerRequestFilter() {

						@Override
						protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
								FilterChain chain) throws ServletException, IOException {
							if (request.getRequestURI().endsWith("/in-filter")) {
								throw failure("transaction");
							}
							chain.doFilter(request, response);
						}

					});
			registration.setOrder(0);
			return registration;
		}

	}

	/**
	 * What Spring and the pool throw while the database cannot be reached, each with
	 * internal text that no answer may show.
	 */
	static RuntimeException failure(String kind) {
		return switch (kind) {
			case "connection" -> new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
					new SQLTransientConnectionException(INTERNAL));
			case "transaction" -> new CannotCreateTransactionException("Could not open JDBC Connection for transaction",
					new SQLTransientConnectionException(INTERNAL));
			case "dropped" ->
				new DataAccessResourceFailureException("I/O error; " + INTERNAL, new SQLException(INTERNAL, "08006"));
			case "transient" -> new TransientDataAccessResourceException(INTERNAL);
			case "wrapped" ->
				new IllegalStateException("session could not be read", new SQLTransientConnectionException(INTERNAL));
			case "commit-cut-off" ->
				new TransactionSystemException("JDBC rollback failed", new SQLException("Connection is closed"));
			case "other-rollback" -> new TransactionSystemException(INTERNAL, new IllegalStateException(INTERNAL));
			case "other-transaction" ->
				new CannotCreateTransactionException(INTERNAL, new IllegalStateException(INTERNAL));
			default -> new IllegalArgumentException(kind);
		};
	}

	static final String[] OUTAGES = { "connection", "transaction", "dropped", "transient", "wrapped",
			"commit-cut-off" };

	record Thing(String name, int count) {

	}

	@RestController
	@RequestMapping(API)
	static class ApiProbe {

		@GetMapping("/studies/{id}")
		String study(@PathVariable StudyId id) {
			return id.value().toString();
		}

		@GetMapping("/studies")
		int studies(@RequestParam int limit) {
			return limit;
		}

		@PostMapping("/invalid")
		void invalid() {
			throw new InvalidInputException("name", "must not be blank");
		}

		@PostMapping("/conflict")
		void conflict() {
			throw new ConflictException("the username is taken");
		}

		@PostMapping("/unexpected")
		void unexpected() {
			throw new IllegalStateException(INTERNAL);
		}

		@PostMapping("/outage/{kind}")
		void outage(@PathVariable String kind) {
			throw failure(kind);
		}

		@PostMapping("/things")
		Thing create(@RequestBody Thing thing) {
			return thing;
		}

		/**
		 * What the JSON converter throws when the body limit cuts off a body of
		 * undeclared length.
		 */
		@PostMapping("/cut-off")
		void cutOff(HttpServletRequest request) {
			throw new HttpMessageNotReadableException("I/O error while reading input message",
					new RequestBodyLimit.TooLarge(), new ServletServerHttpRequest(request));
		}

	}

	@Controller
	@RequestMapping(PAGES)
	static class PageProbe {

		@GetMapping("/users/{id}")
		@ResponseBody
		String user(@PathVariable UserId id) {
			return id.value().toString();
		}

		@GetMapping("/invalid")
		String invalid() {
			throw new InvalidInputException("name", "must not be blank");
		}

		@GetMapping("/conflict")
		String conflict() {
			throw new ConflictException("the username is taken");
		}

		@GetMapping("/unexpected")
		String unexpected() {
			throw new IllegalStateException(INTERNAL);
		}

		@GetMapping("/outage/{kind}")
		String outage(@PathVariable String kind) {
			throw failure(kind);
		}

	}

	@Test
	void startsWithoutTheDatabase() {
		assertThat(context.getBeanProvider(DataSource.class).getIfAvailable()).isNull();
	}

	@Test
	void readsAWellFormedIdentifierFromThePath() throws Exception {
		UUID id = UUID.randomUUID();

		mvc.perform(get(API + "/studies/" + id).with(user("staff")))
			.andExpect(status().isOk())
			.andExpect(content().string(id.toString()));
		mvc.perform(get(PAGES + "/users/" + id).with(user("staff")))
			.andExpect(status().isOk())
			.andExpect(content().string(id.toString()));
	}

	@Test
	void aMalformedIdentifierIsNotFoundAsAnyUnknownOne() throws Exception {
		mvc.perform(get(API + "/studies/not-a-study").with(user("staff")))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.title").value("Not found"))
			.andExpect(jsonPath("$.detail").value("Nothing you may see has this identifier."))
			.andExpect(jsonPath("$.field").doesNotExist());
	}

	@Test
	void aMalformedValueOfAnotherTypeIsABadRequestNamingTheParameter() throws Exception {
		mvc.perform(get(API + "/studies").param("limit", "many").with(user("staff")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.field").value("limit"));
	}

	@Test
	void invalidInputIsABadRequestNamingTheField() throws Exception {
		mvc.perform(post(API + "/invalid").with(user("staff")))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.field").value("name"))
			.andExpect(jsonPath("$.detail").value("name must not be blank"));
	}

	@Test
	void aConflictIsAConflict() throws Exception {
		mvc.perform(post(API + "/conflict").with(user("staff")))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.title").value("Conflict"))
			.andExpect(jsonPath("$.detail").value("the username is taken"));
	}

	@Test
	void anUnexpectedFailureIsAnInternalErrorWithoutItsText() throws Exception {
		mvc.perform(post(API + "/unexpected").with(user("staff")))
			.andExpect(status().isInternalServerError())
			.andExpect(jsonPath("$.title").value("Internal error"))
			.andExpect(jsonPath("$.correlationId").isNotEmpty())
			.andExpect(content().string(not(containsString(INTERNAL))))
			.andExpect(content().string(not(containsString("IllegalStateException"))));
	}

	@Test
	void aBodyOverTheLimitIsContentTooLarge() throws Exception {
		String large = "{\"name\":\"" + "x".repeat((int) RequestBodyLimit.LIMIT) + "\",\"count\":1}";

		mvc.perform(post(API + "/things").contentType(MediaType.APPLICATION_JSON).content(large).with(user("staff")))
			.andExpect(status().isContentTooLarge())
			.andExpect(jsonPath("$.detail").value(RequestBodyLimit.DETAIL));
		mvc.perform(post(API + "/cut-off").with(user("staff")))
			.andExpect(status().isContentTooLarge())
			.andExpect(jsonPath("$.title").value(RequestBodyLimit.TITLE))
			.andExpect(jsonPath("$.detail").value(RequestBodyLimit.DETAIL));
	}

	@Test
	void unreadableJsonIsABadRequest() throws Exception {
		mvc.perform(post(API + "/things").contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"half")
			.with(user("staff")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value("the body is not well-formed JSON of the expected shape"));
		mvc.perform(post(API + "/things").contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"a\",\"count\":\"many\"}")
			.with(user("staff"))).andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("count"));
	}

	@Test
	void aPageWithAMalformedIdentifierIsNotFound() throws Exception {
		mvc.perform(get(PAGES + "/users/not-a-user").with(user("staff")))
			.andExpect(status().isNotFound())
			.andExpect(view().name("error"))
			.andExpect(model().attribute("messageKey", "error.notFound"));
	}

	@Test
	void aPageRefusingInputOrConflictingIsABadRequest() throws Exception {
		mvc.perform(get(PAGES + "/invalid").with(user("staff")))
			.andExpect(status().isBadRequest())
			.andExpect(model().attribute("messageKey", "error.badRequest"));
		mvc.perform(get(PAGES + "/conflict").with(user("staff")))
			.andExpect(status().isBadRequest())
			.andExpect(model().attribute("messageKey", "error.badRequest"));
	}

	@Test
	void aPageFailingUnexpectedlyIsAnInternalErrorWithoutItsText() throws Exception {
		mvc.perform(get(PAGES + "/unexpected").with(user("staff")))
			.andExpect(status().isInternalServerError())
			.andExpect(view().name("error"))
			.andExpect(model().attribute("messageKey", "error.internal"))
			.andExpect(model().attributeExists("correlationId"))
			.andExpect(content().string(not(containsString(INTERNAL))));
	}

	@Test
	void anApiRequestDuringADatabaseOutageIsUnavailableWithoutInternals() throws Exception {
		for (String kind : OUTAGES) {
			mvc.perform(post(API + "/outage/" + kind).with(user("staff")))
				.andExpect(status().isServiceUnavailable())
				.andExpect(header().string("Retry-After", DatabaseOutage.RETRY_AFTER))
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.title").value(DatabaseOutage.TITLE))
				.andExpect(jsonPath("$.detail").value(DatabaseOutage.DETAIL))
				.andExpect(jsonPath("$.correlationId").isNotEmpty())
				.andExpect(content().string(not(containsString("db-internal"))))
				.andExpect(content().string(not(containsString("JDBC"))))
				.andExpect(content().string(not(containsString("Exception"))));
		}
	}

	@Test
	void aTransactionFailingForAnotherReasonIsStillAnInternalError() throws Exception {
		mvc.perform(post(API + "/outage/other-transaction").with(user("staff")))
			.andExpect(status().isInternalServerError())
			.andExpect(header().doesNotExist("Retry-After"))
			.andExpect(content().string(not(containsString(INTERNAL))));
		mvc.perform(post(API + "/outage/other-rollback").with(user("staff")))
			.andExpect(status().isInternalServerError())
			.andExpect(content().string(not(containsString(INTERNAL))));
		mvc.perform(get(PAGES + "/outage/other-transaction").with(user("staff")))
			.andExpect(status().isInternalServerError())
			.andExpect(model().attribute("messageKey", "error.internal"));
	}

	@Test
	void aPageDuringADatabaseOutageIsTheErrorPageWithUnavailable() throws Exception {
		for (String kind : OUTAGES) {
			mvc.perform(get(PAGES + "/outage/" + kind).with(user("staff")))
				.andExpect(status().isServiceUnavailable())
				.andExpect(header().string("Retry-After", DatabaseOutage.RETRY_AFTER))
				.andExpect(view().name("error"))
				.andExpect(model().attribute("messageKey", "error.unavailable"))
				.andExpect(model().attribute("viewer", nullValue()))
				.andExpect(model().attributeExists("correlationId"))
				.andExpect(content().string(not(containsString(INTERNAL))));
		}
	}

	@Test
	void anOutageBeforeTheControllersIsUnavailableToo() throws Exception {
		mvc.perform(get(API + "/in-filter").with(user("staff")))
			.andExpect(status().isServiceUnavailable())
			.andExpect(header().string("Retry-After", DatabaseOutage.RETRY_AFTER))
			.andExpect(jsonPath("$.title").value(DatabaseOutage.TITLE))
			.andExpect(content().string(not(containsString(INTERNAL))));
		mvc.perform(get(PAGES + "/in-filter").cookie(new Cookie("STUDYGATE_SESSION", "abc")).with(user("staff")))
			.andExpect(status().isServiceUnavailable())
			.andExpect(header().string("Retry-After", DatabaseOutage.RETRY_AFTER))
			.andExpect(forwardedUrl("/error"))
			.andExpect(request().attribute(DatabaseOutage.ATTRIBUTE, true))
			.andExpect(request().attribute(RequestDispatcher.ERROR_STATUS_CODE, 503));
	}

	@Test
	void theErrorPathAnswersAnOutageWithoutAViewer() throws Exception {
		mvc.perform(get("/error").requestAttr(DatabaseOutage.ATTRIBUTE, true)
			.requestAttr(RequestDispatcher.ERROR_REQUEST_URI, PAGES + "/in-filter")
			.requestAttr(RequestDispatcher.ERROR_STATUS_CODE, 503))
			.andExpect(status().isServiceUnavailable())
			.andExpect(view().name("error"))
			.andExpect(model().attribute("messageKey", "error.unavailable"))
			.andExpect(model().attribute("viewer", nullValue()));
		mvc.perform(get("/error").requestAttr(RequestDispatcher.ERROR_EXCEPTION, failure("connection"))
			.requestAttr(RequestDispatcher.ERROR_REQUEST_URI, API + "/studies")
			.requestAttr(RequestDispatcher.ERROR_STATUS_CODE, 500))
			.andExpect(status().isServiceUnavailable())
			.andExpect(header().string("Retry-After", DatabaseOutage.RETRY_AFTER))
			.andExpect(jsonPath("$.title").value(DatabaseOutage.TITLE))
			.andExpect(content().string(not(containsString(INTERNAL))));
	}

}
