package org.studygate;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.studygate.access.Grant;
import org.studygate.access.GrantOrigin;
import org.studygate.access.GrantScope;
import org.studygate.access.Grants;
import org.studygate.access.NewGrant;
import org.studygate.access.SubjectType;
import org.studygate.audit.AuditTrail;
import org.studygate.audit.ChainReport;
import org.studygate.department.Department;
import org.studygate.directory.Actor;
import org.studygate.directory.UserId;
import org.studygate.study.StudyId;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two Studygate instances on one external PostgreSQL, the machine's own server started
 * for the test ({@link ExternalPostgres}; decision 046, docs/operations.md "Scale-out"):
 * sessions and API tokens are shared, a withdrawal on one instance stops access on the
 * other at the next request, study views spread over both make one intact access-log
 * chain, and a restart of the database under load is survived without restarting the
 * instances: requests meanwhile are answered 503, never 500, readiness is DOWN while
 * liveness stays UP, and no view answered 200 lacks its entry.
 */
class TwoInstancesTests {

	static ExternalPostgres database;

	static Path dataDirs;

	static Instance a;

	static Instance b;

	final HttpClient http = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(5))
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	record Instance(ConfigurableApplicationContext context, int port) {

		String url(String path) {
			return "http://127.0.0.1:" + port + path;
		}

		<T> T bean(Class<T> type) {
			return context.getBean(type);
		}

	}

	@BeforeAll
	static void startDatabaseAndInstances() throws Exception {
		database = ExternalPostgres.start();
		dataDirs = Files.createTempDirectory("studygate-two");
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		String secretKey = Base64.getEncoder().encodeToString(key);
		a = instance("a", secretKey);
		b = instance("b", secretKey);
	}

	static Instance instance(String name, String secretKey) throws Exception {
		Path dataDir = Files.createDirectories(dataDirs.resolve(name));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(StudygateApplication.class)
			.profiles("test")
			.run("--studygate.db.url=" + database.jdbcUrl(), "--studygate.db.user=" + ExternalPostgres.APP,
					"--studygate.db.password=" + ExternalPostgres.APP_PASSWORD,
					"--studygate.db.owner-user=" + ExternalPostgres.OWNER,
					"--studygate.db.owner-password=" + ExternalPostgres.OWNER_PASSWORD,
					"--studygate.db.embedded-clean=false", "--studygate.db.connection-wait=PT2S",
					"--studygate.data-dir=" + dataDir, "--studygate.secret-key=" + secretKey, "--server.port=0",
					"--studygate.audit.seal-interval=PT0.5S");
		int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
		return new Instance(context, port);
	}

	@AfterAll
	static void stopAll() throws Exception {
		try {
			for (Instance instance : new Instance[] { a, b }) {
				if (instance != null) {
					instance.context().close();
				}
			}
		}
		finally {
			if (database != null) {
				database.close();
			}
		}
	}

	@Test
	void theProbesAreOpenToLoadBalancersWithoutDetails() throws Exception {
		for (String probe : new String[] { "/actuator/health/liveness", "/actuator/health/readiness" }) {
			HttpResponse<String> answer = get(a, probe);
			assertThat(answer.statusCode()).as(probe).isEqualTo(200);
			assertThat(answer.body()).as(probe).contains("\"status\":\"UP\"").doesNotContain("components");
		}
	}

	@Test
	void aPageSessionMadeOnOneInstanceIsValidOnTheOther() throws Exception {
		Fixtures fixtures = a.bean(Fixtures.class);
		Department department = fixtures.department("Two instances pages");
		UserId user = fixtures.sourceUser(department, "Page User");

		String session = signIn(a, fixtures.usernameOf(user));

		HttpResponse<String> onB = get(b, "/explore", "Cookie", "STUDYGATE_SESSION=" + session);
		assertThat(onB.statusCode()).isEqualTo(200);
		assertThat(onB.body()).contains("Page User");
		HttpResponse<String> withoutSession = get(b, "/explore");
		assertThat(withoutSession.statusCode()).as("the page needs the session").isEqualTo(302);
		assertThat(withoutSession.headers().firstValue("Location").orElse("")).endsWith("/login");
	}

	@Test
	void anApiTokenIssuedByOneInstanceWorksOnTheOtherAndAWithdrawalOnOneStopsAccessOnTheOther() throws Exception {
		Fixtures fixtures = a.bean(Fixtures.class);
		Department department = fixtures.department("Two instances grants");
		UserId admin = fixtures.sourceAdmin(department, "Grant Admin");
		UserId outsider = fixtures.user("Outside Physician");
		StudyId study = fixtures.study(department, "Two^Instances", LocalDate.of(2026, 3, 2), null);
		Grant grant = a.bean(Grants.class)
			.grant(Actor.systemOperator("test"), study, new NewGrant(SubjectType.USER, outsider.value(),
					GrantScope.IMAGES, false, false, null, null, GrantOrigin.RULE));
		String token = fixtures.bearer(outsider);

		assertThat(get(b, "/api/v1/studies/" + study.value(), "Authorization", token).statusCode())
			.as("a token issued by A, used on B")
			.isEqualTo(200);
		HttpResponse<String> withdrawn = http.send(HttpRequest
			.newBuilder(URI.create(a.url("/api/v1/studies/" + study.value() + "/grants/" + grant.id().value()
					+ "?reason=" + URLEncoder.encode("no longer treating", StandardCharsets.UTF_8))))
			.header("Authorization", fixtures.bearer(admin))
			.DELETE()
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(withdrawn.statusCode()).as(withdrawn.body()).isEqualTo(204);

		assertThat(get(b, "/api/v1/studies/" + study.value(), "Authorization", token).statusCode())
			.as("the next request on B after the withdrawal on A")
			.isEqualTo(404);
		assertThat(get(b, "/api/v1/studies/" + study.value(), "Authorization", "Bearer not-a-token").statusCode())
			.isEqualTo(401);
	}

	@Test
	void studyViewsSpreadOverBothInstancesMakeOneIntactChain() throws Exception {
		Load load = new Load("Two instances load");
		load.start();
		await("views answered").atMost(Duration.ofSeconds(120)).until(() -> load.answered(200) >= 120);
		load.stop();

		assertThat(load.unexpected).as("answers other than 200").isEmpty();
		assertThat(load.entries()).as("one entry per view answered").isEqualTo(load.answered(200));
		assertThat(load.answeredBy).as("both instances answered").containsKeys(a.port(), b.port());
		assertChainIntact();
	}

	@Test
	void aDatabaseRestartUnderLoadIsSurvivedWithoutRestartingTheInstances() throws Exception {
		Fixtures fixtures = a.bean(Fixtures.class);
		Department department = fixtures.department("Two instances outage pages");
		String session = signIn(a, fixtures.usernameOf(fixtures.sourceUser(department, "Outage Page User")));
		Load load = new Load("Two instances outage");
		load.start();
		await("views before the restart").atMost(Duration.ofSeconds(60)).until(() -> load.answered(200) >= 20);

		database.restart();
		int afterRestart = load.answered(200);
		await("views after pg_ctl restart -m fast").atMost(Duration.ofSeconds(60))
			.until(() -> load.answered(200) > afterRestart + 20);

		database.stop();
		try {
			await("503 during the outage").atMost(Duration.ofSeconds(60)).until(() -> load.answered(503) > 0);
			for (Instance instance : new Instance[] { a, b }) {
				await("readiness DOWN").atMost(Duration.ofSeconds(60))
					.until(() -> get(instance, "/actuator/health/readiness").statusCode() == 503);
				HttpResponse<String> readiness = get(instance, "/actuator/health/readiness");
				assertThat(readiness.body()).contains("\"status\":\"DOWN\"").doesNotContain("components");
				assertNoInternals(readiness.body());
				assertThat(get(instance, "/actuator/health/liveness").statusCode()).isEqualTo(200);
				HttpResponse<String> page = get(instance, "/explore", "Cookie", "STUDYGATE_SESSION=" + session);
				assertThat(page.statusCode()).isEqualTo(503);
				assertThat(page.headers().firstValue("Retry-After")).isPresent();
				// a commit may have been cut off by the outage: the page does not claim
				// that nothing changed
				assertThat(page.body()).contains("briefly unavailable")
					.contains("check whether it was saved")
					.doesNotContain("Nothing was changed");
				assertNoInternals(page.body());
			}
		}
		finally {
			database.startAgain();
		}
		int afterOutage = load.answered(200);
		await("views after the outage").atMost(Duration.ofSeconds(60))
			.until(() -> load.answered(200) > afterOutage + 20);
		for (Instance instance : new Instance[] { a, b }) {
			await("readiness UP").atMost(Duration.ofSeconds(60))
				.until(() -> get(instance, "/actuator/health/readiness").statusCode() == 200);
		}
		load.stop();

		assertThat(load.unexpected).as("answers other than 200 and 503").isEmpty();
		load.problems.forEach(TwoInstancesTests::assertNoInternals);
		assertThat(load.entries()).as("every view answered 200 has its entry")
			.isGreaterThanOrEqualTo(load.answered(200));
		assertChainIntact();
	}

	/**
	 * Logged study views of one study by a few threads, each answer counted; spread over
	 * both instances in turn.
	 */
	final class Load {

		final StudyId study;

		final String token;

		final Map<Integer, AtomicInteger> answers = new ConcurrentHashMap<>();

		final Map<Integer, AtomicInteger> answeredBy = new ConcurrentHashMap<>();

		final List<String> unexpected = java.util.Collections.synchronizedList(new ArrayList<>());

		final List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());

		final AtomicBoolean running = new AtomicBoolean(true);

		final ExecutorService threads = Executors.newFixedThreadPool(4);

		final List<Future<?>> futures = new ArrayList<>();

		Load(String name) {
			Fixtures fixtures = a.bean(Fixtures.class);
			Department department = fixtures.department(name);
			this.study = fixtures.study(department, "Load^Patient", LocalDate.of(2026, 3, 2), null);
			this.token = fixtures.bearer(fixtures.sourceUser(department, name + " viewer"));
		}

		void start() {
			for (int t = 0; t < 4; t++) {
				int first = t;
				futures.add(threads.submit(() -> {
					for (int n = first; running.get(); n++) {
						view(n % 2 == 0 ? a : b);
					}
					return null;
				}));
			}
		}

		private void view(Instance instance) {
			HttpResponse<String> answer;
			try {
				answer = get(instance, "/api/v1/studies/" + study.value(), "Authorization", token);
			}
			catch (Exception ex) {
				unexpected.add("no answer: " + ex);
				return;
			}
			answers.computeIfAbsent(answer.statusCode(), code -> new AtomicInteger()).incrementAndGet();
			if (answer.statusCode() == 200) {
				answeredBy.computeIfAbsent(instance.port(), port -> new AtomicInteger()).incrementAndGet();
			}
			else if (answer.statusCode() == 503) {
				problems.add(answer.body());
			}
			else {
				unexpected.add(answer.statusCode() + " " + answer.body());
			}
		}

		int answered(int status) {
			AtomicInteger count = answers.get(status);
			return count == null ? 0 : count.get();
		}

		void stop() throws Exception {
			running.set(false);
			threads.shutdown();
			assertThat(threads.awaitTermination(120, TimeUnit.SECONDS)).isTrue();
			for (Future<?> future : futures) {
				future.get();
			}
		}

		int entries() {
			return a.bean(JdbcClient.class)
				.sql("select count(*) from audit.entry where study_id = :study and action = 'STUDY_OPENED' "
						+ "and outcome = 'SUCCESS'")
				.param("study", study.value())
				.query(Integer.class)
				.single();
		}

	}

	private static void assertChainIntact() {
		JdbcClient jdbc = a.bean(JdbcClient.class);
		await("every entry sealed").atMost(Duration.ofSeconds(60))
			.until(() -> jdbc.sql(
					"select count(*) from audit.entry e where not exists (select 1 from audit.link l where l.entry_id = e.id)")
				.query(Long.class)
				.single() == 0);
		ChainReport report = a.bean(AuditTrail.class)
			.verify(Instant.parse("2000-01-01T00:00:00Z"), Instant.now().plus(Duration.ofDays(1)));
		assertThat(report.intact()).as(String.valueOf(report.firstBroken())).isTrue();
		assertThat(report.linksChecked()).isPositive();
		assertThat(report.unsealedOverdue()).isZero();
	}

	private static void assertNoInternals(String body) {
		assertThat(body).doesNotContainIgnoringCase("jdbc")
			.doesNotContainIgnoringCase("postgres")
			.doesNotContain("127.0.0.1")
			.doesNotContain(Integer.toString(database.port()))
			.doesNotContain("Exception")
			.doesNotContainIgnoringCase("hikari")
			.doesNotContainIgnoringCase("connection");
	}

	/** Signs in through the login form; the session cookie's value. */
	private String signIn(Instance instance, String username) throws Exception {
		HttpResponse<String> form = get(instance, "/login");
		String cookie = sessionCookie(form);
		Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(form.body());
		assertThat(csrf.find()).as("the login form has its CSRF token").isTrue();
		String body = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
				+ URLEncoder.encode(Fixtures.PASSWORD, StandardCharsets.UTF_8) + "&_csrf="
				+ URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
		HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(URI.create(instance.url("/login")))
			.header("Cookie", "STUDYGATE_SESSION=" + cookie)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(signedIn.statusCode()).isEqualTo(302);
		assertThat(signedIn.headers().firstValue("Location").orElse("")).endsWith("/explore");
		return sessionCookie(signedIn);
	}

	private static String sessionCookie(HttpResponse<String> response) {
		return response.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter(value -> value.startsWith("STUDYGATE_SESSION="))
			.map(value -> value.substring("STUDYGATE_SESSION=".length(), value.indexOf(';')))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no session cookie in " + response.headers().map()));
	}

	private HttpResponse<String> get(Instance instance, String path, String... headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(instance.url(path)))
			.timeout(Duration.ofSeconds(30))
			.GET();
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
