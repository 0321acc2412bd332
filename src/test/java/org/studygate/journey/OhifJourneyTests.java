package org.studygate.journey;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.imageio.ImageIO;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.studygate.Fixtures;
import org.studygate.access.Grant;
import org.studygate.access.GrantOrigin;
import org.studygate.access.GrantScope;
import org.studygate.access.Grants;
import org.studygate.access.NewGrant;
import org.studygate.access.SubjectType;
import org.studygate.archive.DicomFiles;
import org.studygate.archive.Orthanc;
import org.studygate.department.Department;
import org.studygate.directory.UserId;
import org.studygate.refcode.IssuedCode;
import org.studygate.refcode.PatientFixtures;
import org.studygate.study.Registrations;
import org.studygate.study.StudyId;
import org.studygate.study.StudyRegistration;
import org.studygate.directory.Actor;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The OHIF viewer at {@code /viewer/} in a real browser over a real archive: a physician
 * opens a study granted to him and OHIF draws its first image from the gateway; once the
 * grant is withdrawn, the same address gets nothing from the gateway. Needs the viewer's
 * files ({@code bin/test} unpacks them with npm; skipped without).
 */
class OhifJourneyTests extends BrowserJourney {

	static final Orthanc ARCHIVE = Orthanc.shared();

	static final Path VIEWER = viewerDirectory();

	@DynamicPropertySource
	static void archive(DynamicPropertyRegistry registry) {
		registry.add("studygate.archive.url", ARCHIVE::dicomWebUrl);
		registry.add("studygate.archive.poll-initial-delay", () -> "PT1000H");
		registry.add("studygate.viewer.dir", VIEWER::toString);
	}

	@BeforeAll
	static void viewerThere() {
		assumeTrue(Files.isRegularFile(VIEWER.resolve("index.html")), "the OHIF viewer is not unpacked (npm)");
	}

	@Autowired
	Fixtures fixtures;

	@Autowired
	Registrations registrations;

	@Autowired
	Grants grants;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PatientFixtures patients;

	@Test
	void aPhysicianSeesAGrantedStudyInOhifAndNothingOnceTheGrantIsWithdrawn() {
		Department department = fixtures.department("Ohif radiology");
		UserId admin = fixtures.sourceAdmin(department, "Ohif Admin");
		UserId physician = fixtures.physician("Ohif Physician", Fixtures.physicianNumber());
		DicomFiles.Spec spec = DicomFiles.Spec.of("OH" + Fixtures.unique(), "Ohif^Patient").size(1, 3).side(128);
		String uid = spec.studyInstanceUid();
		StudyId study = archived(department, spec);
		Grant grant = grants.grant(fixtures.actor(admin), study, new NewGrant(SubjectType.USER, physician.value(),
				GrantScope.IMAGES, false, false, null, null, GrantOrigin.SHARE));

		Page page = browser.newPage();
		logIn(page, fixtures.usernameOf(physician), Fixtures.PASSWORD);
		Map<String, Integer> gateway = gatewayAnswers(page);
		assertThat(page.locator("a.open-viewer[href='/viewer/viewer?StudyInstanceUIDs=" + uid + "']").count())
			.isEqualTo(1);
		page.navigate(url("/studies/" + study));
		String link = page.getAttribute("#open-viewer", "href");
		assertThat(link).isEqualTo("/viewer/viewer?StudyInstanceUIDs=" + uid);
		page.navigate(url(link));
		assertFirstImageDrawn(page);
		// the viewer as its user reads it, study and image drawn (decision 064)
		accessible(page);
		assertThat(gateway).as("gateway answers").isNotEmpty();
		assertThat(gateway.keySet()).anyMatch(path -> path.endsWith("/metadata"));
		assertThat(gateway.keySet()).anyMatch(path -> path.contains("/frames/") || path.contains("/rendered"));
		assertThat(gateway.values()).allMatch(status -> status == 200);

		grants.withdraw(fixtures.actor(admin), study, grant.id(), "no longer treating the patient");
		int denialsBefore = denials(study);
		page.context().close();
		page = browser.newPage();
		logIn(page, fixtures.usernameOf(physician), Fixtures.PASSWORD);
		gateway = gatewayAnswers(page);
		page.navigate(url("/viewer/viewer?StudyInstanceUIDs=" + uid));
		page.getByText("not available").first().waitFor(new Locator.WaitForOptions().setTimeout(90_000));
		Object direct = page.evaluate("u => Promise.all(['/series', '/metadata'].map(p => "
				+ "fetch('/dicomweb/studies/' + u + p).then(r => r.status)))", uid);
		assertThat(direct).isEqualTo(List.of(404, 404));
		assertThat(gateway).allSatisfy((path, status) -> {
			if (!path.equals("/dicomweb/studies")) {
				assertThat(status).as(path).isEqualTo(404);
			}
		});
		assertThat(page.evaluate("u => fetch('/dicomweb/studies?StudyInstanceUID=' + u).then(r => r.text())", uid))
			.isEqualTo("[]");
		assertThat(denials(study)).isGreaterThan(denialsBefore);
		page.context().close();
	}

	@Test
	void aPatientOpensHisStudyInOhifAndNoOtherByEditingTheAddress() {
		Department department = fixtures.department("Ohif patients");
		DicomFiles.Spec his = DicomFiles.Spec.of("OP" + Fixtures.unique(), "Ohif^Own").size(1, 2).side(128);
		StudyId study = archived(department, his);
		IssuedCode code = patients.code(study);
		DicomFiles.Spec other = DicomFiles.Spec.of("OQ" + Fixtures.unique(), "Ohif^Other").size(1, 2).side(128);
		archived(department, other);

		Page page = browser.newPage();
		page.navigate(url("/patient/" + department.code().value()));
		page.fill("#reference-number", code.code());
		page.fill("#birth-date", LocalDate.of(1970, 5, 17).toString());
		page.click("#patient-submit");
		page.waitForURL("**/patient/studies**");
		page.navigate(url("/patient/studies/" + study));
		String link = page.getAttribute("#open-viewer", "href");
		assertThat(link).isEqualTo("/viewer/viewer?StudyInstanceUIDs=" + his.studyInstanceUid());
		Map<String, Integer> gateway = gatewayAnswers(page);
		page.navigate(url(link));
		assertFirstImageDrawn(page);
		assertThat(gateway.values()).allMatch(status -> status == 200);

		gateway.clear();
		page.navigate(url("/viewer/viewer?StudyInstanceUIDs=" + other.studyInstanceUid()));
		page.getByText("not available").first().waitFor(new Locator.WaitForOptions().setTimeout(90_000));
		assertThat(gateway).allSatisfy((path, status) -> {
			if (!path.equals("/dicomweb/studies")) {
				assertThat(status).as(path).isEqualTo(404);
			}
		});
		Object direct = page.evaluate("u => Promise.all(['/series', '/metadata'].map(p => "
				+ "fetch('/dicomweb/studies/' + u + p).then(r => r.status)))", other.studyInstanceUid());
		assertThat(direct).isEqualTo(List.of(404, 404));
		page.context().close();
	}

	@Test
	void widensTheContentSecurityPolicyOnTheViewerAlone() throws Exception {
		java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
		java.net.http.HttpResponse<String> viewer = http.send(
				java.net.http.HttpRequest.newBuilder(java.net.URI.create(url("/viewer/viewer"))).build(),
				java.net.http.HttpResponse.BodyHandlers.ofString());
		assertThat(viewer.statusCode()).isEqualTo(200);
		assertThat(viewer.body()).contains("/viewer/studygate-boot.js").doesNotContain("<script>");
		assertThat(viewer.headers().firstValue("Content-Security-Policy").orElseThrow())
			.contains("script-src 'self' 'wasm-unsafe-eval'")
			.contains("worker-src 'self' blob:")
			.doesNotContain("'unsafe-eval'", "script-src 'self' 'unsafe-inline'");
		java.net.http.HttpResponse<String> login = http.send(
				java.net.http.HttpRequest.newBuilder(java.net.URI.create(url("/login"))).build(),
				java.net.http.HttpResponse.BodyHandlers.ofString());
		assertThat(login.headers().firstValue("Content-Security-Policy").orElseThrow())
			.doesNotContain("wasm-unsafe-eval")
			.doesNotContain("worker-src")
			.contains("script-src 'self';");
		java.net.http.HttpResponse<String> post = http
			.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url("/viewer/viewer")))
				.POST(java.net.http.HttpRequest.BodyPublishers.noBody())
				.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
		assertThat(post.statusCode()).isIn(403, 405);
	}

	/** The study is in the archive and registered for the department, as a RIS would. */
	private StudyId archived(Department department, DicomFiles.Spec spec) {
		String patientName = spec.patientName();
		ARCHIVE.upload(DicomFiles.make(spec));
		return registrations
			.register(Actor.systemOperator("ris"),
					new StudyRegistration(spec.studyInstanceUid(), spec.accession(), department.code().value(),
							LocalDate.of(2025, 3, 14), null, "CT", "CT thorax", 1, 3,
							new StudyRegistration.PatientData(spec.patientId(), patientName, LocalDate.of(1970, 5, 17),
									"F", null, null, null),
							null))
			.id();
	}

	/** Every answer of the gateway to the page, by path. */
	private static Map<String, Integer> gatewayAnswers(Page page) {
		Map<String, Integer> answers = new ConcurrentHashMap<>();
		page.onResponse(response -> {
			String path = java.net.URI.create(response.url()).getPath();
			if (path.startsWith("/dicomweb/")) {
				answers.put(path, response.status());
			}
		});
		return answers;
	}

	/** OHIF's viewport shows an image: its canvas is not of one colour. */
	static void assertFirstImageDrawn(Page page) {
		Locator canvas = page.locator("canvas.cornerstone-canvas").first();
		canvas.waitFor(new Locator.WaitForOptions().setTimeout(90_000));
		await("a drawn image").atMost(Duration.ofSeconds(90))
			.pollInterval(Duration.ofSeconds(1))
			.until(() -> distinctGreys(canvas.screenshot()) > 8);
	}

	private static int distinctGreys(byte[] png) throws java.io.IOException {
		BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
		java.util.Set<Integer> greys = new java.util.HashSet<>();
		for (int y = 0; y < image.getHeight(); y += 4) {
			for (int x = 0; x < image.getWidth(); x += 4) {
				greys.add(image.getRGB(x, y) & 0xff);
			}
		}
		return greys.size();
	}

	private int denials(StudyId study) {
		return jdbc.sql("select count(*) from audit.entry where study_id = :study and outcome = 'DENIED'")
			.param("study", study.value())
			.query(Integer.class)
			.single();
	}

	private static Path viewerDirectory() {
		String configured = System.getenv("STUDYGATE_VIEWER_DIR");
		if (configured != null && !configured.isBlank()) {
			return Path.of(configured);
		}
		return Path.of(System.getProperty("user.home"), ".cache", "studygate", "ohif-3.13.2");
	}

}
