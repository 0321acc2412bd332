package org.studygate.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import no.nav.security.mock.oauth2.MockOAuth2Server;
import com.nimbusds.oauth2.sdk.TokenRequest;
import no.nav.security.mock.oauth2.token.OAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.studygate.Fixtures;
import org.studygate.StudygateTest;
import org.studygate.WebFixture;
import org.studygate.department.Department;
import org.studygate.department.Departments;
import org.studygate.department.DepartmentCode;
import org.studygate.department.NewDepartment;
import org.studygate.department.setup.DepartmentSetup;
import org.studygate.directory.Directory;
import org.studygate.directory.GroupKind;
import org.studygate.directory.StaffPrincipal;
import org.studygate.directory.UserId;
import org.studygate.directory.Users;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * OpenID Connect sign-in (decision 056) against a real OpenID Connect provider running in
 * the test JVM: the authorization code flow through the provider's endpoints, its signed
 * ID tokens checked by Spring Security, the claims mapped by the directory. Two
 * providers: {@code hospital} creates users on first sign-in and maps groups to the
 * service desk and a department's source group; {@code partner} signs in existing users
 * only and maps no roles. Local passwords are off for department staff.
 */
@StudygateTest
class SingleSignOnTests {

	static final MockOAuth2Server provider = new MockOAuth2Server();

	static final String DEPARTMENT = "SSO" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();

	static {
		provider.start();
	}

	@DynamicPropertySource
	static void providers(DynamicPropertyRegistry registry) {
		for (String id : List.of("hospital", "partner")) {
			String registration = "spring.security.oauth2.client.registration." + id;
			registry.add(registration + ".client-id", () -> "studygate");
			registry.add(registration + ".client-secret", () -> "studygate-secret");
			registry.add(registration + ".scope", () -> "openid");
			registry.add(registration + ".client-name", () -> id.equals("hospital") ? "Hospital" : "Partner");
			registry.add("spring.security.oauth2.client.provider." + id + ".issuer-uri",
					() -> provider.issuerUrl(id).toString());
		}
		registry.add("studygate.sso.providers.hospital.create-users", () -> "true");
		registry.add("studygate.sso.providers.hospital.service-desk-groups", () -> "studygate-desk");
		registry.add("studygate.sso.providers.hospital.departments.radiology-staff", () -> DEPARTMENT + ":SOURCE_USER");
		registry.add("studygate.sso.providers.hospital.departments.unknown-department",
				() -> "NO-SUCH-DEPARTMENT:SOURCE_ADMIN");
		registry.add("studygate.sso.providers.hospital.departments.unknown-role", () -> DEPARTMENT + ":OWNER");
		registry.add("studygate.sso.providers.partner.create-users", () -> "false");
		registry.add("studygate.sso.passwords.department-staff", () -> "false");
	}

	@AfterAll
	static void stop() {
		provider.shutdown();
	}

	@Autowired
	WebFixture web;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Users users;

	@Autowired
	Directory directory;

	@Autowired
	Departments departments;

	@Autowired
	DepartmentSetup departmentSetup;

	@Autowired
	JdbcClient jdbc;

	final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	@Test
	void theLoginPageShowsAButtonPerProvider() throws Exception {
		String page = web.mvc().perform(get("/login")).andReturn().getResponse().getContentAsString();

		assertThat(page).contains("href=\"/oauth2/authorization/hospital\"")
			.contains("href=\"/oauth2/authorization/partner\"")
			.contains(">Hospital<");
	}

	@Test
	void anExistingUserSignsInAsTheSameActorAndTheProviderIsLogged() throws Exception {
		UserId user = fixtures.physician("Dr Single Sign", Fixtures.physicianNumber());
		String username = fixtures.usernameOf(user);

		MockHttpSession session = signIn("partner", username, Map.of());

		assertThat(principal(session)).isEqualTo(new StaffPrincipal(user, username));
		assertThat(web.mvc().perform(get("/explore").session(session)).andReturn().getResponse().getStatus())
			.isEqualTo(200);
		assertThat(jdbc.sql("""
				select channel || ' ' || outcome || ' ' || provider from directory.login_attempt
				where user_id = :user
				""").param("user", user.value()).query(String.class).list()).containsExactly("SSO SUCCESS partner");
		assertThat(jdbc.sql("""
				select details->>'provider' from audit.entry
				where action = 'STAFF_LOGIN' and actor_id = :user
				""").param("user", user.toString()).query(String.class).list()).containsExactly("partner");
	}

	@Test
	void aFirstSignInCreatesTheUserAndMapsTheGroupsTheMappingNames() throws Exception {
		department();
		String username = "new.radiologist." + UUID.randomUUID().toString().substring(0, 8) + "@hospital.example";

		MockHttpSession session = signIn("hospital", username,
				Map.of("name", "Dr New Radiologist", "groups", List.of("radiology-staff", "canteen")));

		UserId created = principal(session).userId();
		assertThat(users.find(created).orElseThrow().displayName()).isEqualTo("Dr New Radiologist");
		var actor = directory.actorOf(created).orElseThrow();
		assertThat(actor.serviceDesk()).isFalse();
		assertThat(actor.sourceDepartments(GroupKind.SOURCE_USERS)).containsExactly(department().id().value());
		assertThat(actor.sourceDepartments(GroupKind.SOURCE_ADMINS)).isEmpty();
	}

	@Test
	void aMappingNamingNoDepartmentOrNoRoleMakesNobodyAMember() throws Exception {
		department();
		String username = "odd.mapping." + UUID.randomUUID().toString().substring(0, 8) + "@hospital.example";

		UserId created = principal(
				signIn("hospital", username, Map.of("groups", List.of("unknown-department", "unknown-role"))))
			.userId();

		assertThat(directory.actorOf(created).orElseThrow().memberships()).isEmpty();
	}

	@Test
	void theServiceDeskGroupMakesTheServiceDeskOnlyThroughTheMapping() throws Exception {
		String desk = "desk." + UUID.randomUUID().toString().substring(0, 8) + "@hospital.example";
		UserId deskUser = principal(signIn("hospital", desk, Map.of("groups", List.of("studygate-desk")))).userId();
		assertThat(directory.actorOf(deskUser).orElseThrow().serviceDesk()).isTrue();

		UserId physician = fixtures.physician("Dr Forged Claim", Fixtures.physicianNumber());
		String username = fixtures.usernameOf(physician);
		signIn("partner", username, Map.of("groups", List.of("studygate-desk"), "service_desk", true, "roles",
				List.of("studygate-desk", "admin")));
		assertThat(directory.actorOf(physician).orElseThrow().serviceDesk())
			.as("a provider without service-desk groups never makes the service desk")
			.isFalse();

		signIn("hospital", desk, Map.of("groups", List.of("radiology-readers")));
		assertThat(directory.actorOf(deskUser).orElseThrow().serviceDesk())
			.as("out of the group, out of the service desk")
			.isFalse();
	}

	@Test
	void aStrangerIsRefusedWhereOnlyExistingUsersMaySignIn() throws Exception {
		String stranger = "stranger." + UUID.randomUUID().toString().substring(0, 8) + "@partner.example";

		MockHttpServletResponse refused = callback("partner", stranger, Map.of(), null);

		assertThat(refused.getRedirectedUrl()).isEqualTo("/login?sso-error");
		assertThat(users.findByUsername(stranger)).isEmpty();
		assertThat(jdbc.sql("""
				select outcome || ' ' || provider from directory.login_attempt where username = :name
				""").param("name", stranger).query(String.class).list()).containsExactly("UNKNOWN_USER partner");
	}

	@Test
	void aTokenForAnotherAudienceIsRefused() throws Exception {
		UserId user = fixtures.user("Dr Wrong Audience");
		MockHttpServletResponse refused = callback("partner", fixtures.usernameOf(user), Map.of(), new Token("partner",
				Map.of("preferred_username", fixtures.usernameOf(user), "aud", List.of("another-application")), 3600));

		assertRefused(refused, user);
	}

	@Test
	void aTokenFromAnotherIssuerIsRefused() throws Exception {
		UserId user = fixtures.user("Dr Wrong Issuer");
		String username = fixtures.usernameOf(user);
		MockHttpServletResponse refused = callback("partner", username, Map.of(), new Token("partner",
				Map.of("preferred_username", username, "iss", provider.issuerUrl("hospital").toString()), 3600));

		assertRefused(refused, user);
	}

	@Test
	void anExpiredTokenIsRefused() throws Exception {
		UserId user = fixtures.user("Dr Expired Token");
		String username = fixtures.usernameOf(user);
		MockHttpServletResponse refused = callback("partner", username, Map.of(),
				new Token("partner", Map.of("preferred_username", username), -3600));

		assertRefused(refused, user);
	}

	@Test
	void aUserWhosePasswordsAreOffCannotUseOneButApiTokensStillWork() throws Exception {
		Department department = fixtures.department("Password Off");
		UserId staff = fixtures.sourceUser(department, "Mia Source");
		String username = fixtures.usernameOf(staff);

		assertThat(token(username).getStatus()).isEqualTo(401);
		assertThat(web.mvc()
			.perform(post("/login").with(csrf()).param("username", username).param("password", Fixtures.PASSWORD))
			.andReturn()
			.getResponse()
			.getRedirectedUrl()).isEqualTo("/login?error");
		assertThat(jdbc.sql("select outcome from directory.login_attempt where user_id = :user")
			.param("user", staff.value())
			.query(String.class)
			.list()).containsExactly("PASSWORD_OFF", "PASSWORD_OFF");

		UserId physician = fixtures.physician("Dr Still Password", Fixtures.physicianNumber());
		MockHttpServletResponse issued = token(fixtures.usernameOf(physician));
		assertThat(issued.getStatus()).as("other staff keep their passwords").isEqualTo(200);
		String bearer = "Bearer " + new tools.jackson.databind.json.JsonMapper().readTree(issued.getContentAsString())
			.get("token")
			.asString();
		assertThat(web.mvc()
			.perform(get("/api/v1/my/tokens").header("Authorization", bearer))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(200);
		assertThat(web.mvc()
			.perform(get("/api/v1/my/tokens").header("Authorization", fixtures.bearer(staff)))
			.andReturn()
			.getResponse()
			.getStatus()).as("a token issued otherwise still works for department staff").isEqualTo(200);
	}

	@Test
	void logoutEndsTheSessionAndTheProvidersSession() throws Exception {
		UserId user = fixtures.user("Dr Logout");
		MockHttpSession session = signIn("partner", fixtures.usernameOf(user), Map.of());

		MockHttpServletResponse out = web.mvc()
			.perform(post("/logout").with(csrf()).session(session))
			.andReturn()
			.getResponse();

		assertThat(out.getRedirectedUrl()).startsWith(provider.issuerUrl("partner") + "/endsession")
			.contains("id_token_hint=")
			.contains("post_logout_redirect_uri=");
		assertThat(session.isInvalid()).isTrue();
	}

	/**
	 * The provider's next token: these claims over its own, so that a test can forge the
	 * audience or the issuer of a token the provider signs.
	 */
	record Token(String issuerId, Map<String, Object> claims, long tokenExpiry) implements OAuth2TokenCallback {

		@Override
		public String subject(TokenRequest request) {
			return "subject-" + claims.get("preferred_username");
		}

		@Override
		public String typeHeader(TokenRequest request) {
			return "JWT";
		}

		@Override
		public List<String> audience(TokenRequest request) {
			return List.of("studygate");
		}

		@Override
		public Map<String, Object> addClaims(TokenRequest request) {
			return claims;
		}

	}

	private void assertRefused(MockHttpServletResponse refused, UserId user) {
		assertThat(refused.getRedirectedUrl()).isEqualTo("/login?sso-error");
		assertThat(jdbc.sql("select count(*) from directory.login_attempt where user_id = :user")
			.param("user", user.value())
			.query(Long.class)
			.single()).as("refused before the directory is asked").isZero();
	}

	private MockHttpServletResponse token(String username) throws Exception {
		return web.mvc()
			.perform(post("/api/v1/auth/token").contentType(MediaType.APPLICATION_JSON)
				.content("{\"username\":\"" + username + "\",\"password\":\"" + Fixtures.PASSWORD + "\"}"))
			.andReturn()
			.getResponse();
	}

	private Department department() {
		return departments.find(new DepartmentCode(DEPARTMENT))
			.orElseGet(() -> departmentSetup.create(NewDepartment.of(DEPARTMENT, "Single Sign-On", "Europe/Brussels")));
	}

	private MockHttpSession signIn(String registration, String username, Map<String, Object> claims) throws Exception {
		MockHttpSession session = new MockHttpSession();
		MockHttpServletResponse done = callback(registration, username, claims, null, session);
		assertThat(done.getRedirectedUrl()).isEqualTo("/explore");
		return session;
	}

	private MockHttpServletResponse callback(String registration, String username, Map<String, Object> claims,
			Token token) throws Exception {
		return callback(registration, username, claims, token, new MockHttpSession());
	}

	/**
	 * The authorization code flow as a browser runs it: Studygate sends the browser to
	 * the provider, the provider back with a code, which Studygate exchanges for the
	 * tokens.
	 */
	private MockHttpServletResponse callback(String registration, String username, Map<String, Object> claims,
			Token token, MockHttpSession session) throws Exception {
		MockMvc mvc = web.mvc();
		String authorize = mvc.perform(get("/oauth2/authorization/" + registration).session(session))
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		assertThat(authorize).startsWith(provider.issuerUrl(registration).toString());
		java.util.Map<String, Object> all = new java.util.HashMap<>(claims);
		all.put("preferred_username", username);
		provider.enqueueCallback(token != null ? token : new Token(registration, all, 3600));
		HttpResponse<Void> back = http.send(HttpRequest.newBuilder(URI.create(authorize)).GET().build(),
				HttpResponse.BodyHandlers.discarding());
		URI redirect = URI.create(back.headers().firstValue("Location").orElseThrow());
		assertThat(redirect.getPath()).isEqualTo("/login/oauth2/code/" + registration);
		return mvc.perform(get(URI.create(redirect.getPath() + "?" + redirect.getRawQuery())).session(session))
			.andReturn()
			.getResponse();
	}

	private StaffPrincipal principal(MockHttpSession session) {
		SecurityContext context = (SecurityContext) session
			.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
		return (StaffPrincipal) context.getAuthentication().getPrincipal();
	}

}
