package org.studygate.journey;

import java.time.Duration;
import java.time.LocalDate;

import com.microsoft.playwright.Page;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.studygate.Fixtures;
import org.studygate.archive.DicomFiles;
import org.studygate.archive.Orthanc;
import org.studygate.department.Department;
import org.studygate.directory.Actor;
import org.studygate.directory.UserId;
import org.studygate.study.Registrations;
import org.studygate.study.StudyId;
import org.studygate.study.StudyRegistration;
import org.studygate.transfer.Storescp;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Forward and download in a real browser: a source admin adds and tests a PACS
 * destination (a real storescp), a radiologist forwards the study from its page and
 * downloads it, and the Access tab's PACS section shows the forward done with its
 * progress and the download with its format.
 */
class TransferJourneyTests extends BrowserJourney {

	static final Orthanc ARCHIVE = Orthanc.shared();

	static final Storescp PACS = new Storescp("JOURNEYPACS");

	@DynamicPropertySource
	static void archive(DynamicPropertyRegistry registry) {
		registry.add("studygate.archive.url", ARCHIVE::dicomWebUrl);
		registry.add("studygate.archive.poll-initial-delay", () -> "PT1000H");
		// as in TransferTests: either context's worker may take the other's jobs from the
		// shared database
		registry.add("studygate.transfer.poll-interval", () -> "PT0.2S");
		registry.add("studygate.transfer.backoff", () -> "PT0.3S");
		registry.add("studygate.transfer.max-attempts", () -> "2");
		registry.add("studygate.transfer.lease", () -> "PT20S");
		registry.add("studygate.transfer.enabled", () -> "true");
	}

	@AfterAll
	static void stopPacs() {
		PACS.close();
	}

	@Autowired
	Fixtures fixtures;

	@Autowired
	Registrations registrations;

	@Test
	void aRadiologistForwardsAndDownloadsAStudyAndTheAdminSeesBothOnTheAccessTab() {
		Department department = fixtures.department("Journey transfers");
		UserId admin = fixtures.sourceAdmin(department, "Journey Admin");
		UserId radiologist = fixtures.sourceUser(department, "Journey Radiologist");
		DicomFiles.Spec spec = DicomFiles.Spec.of("JTR1", "Journey^Transfer").size(1, 2);
		ARCHIVE.upload(DicomFiles.make(spec));
		StudyId id = registrations
			.register(Actor.systemOperator("ris"),
					new StudyRegistration(spec.studyInstanceUid(), "JTR1", department.code().value(),
							LocalDate.of(2025, 3, 14), null, "CT", "CT thorax", 1, 2,
							new StudyRegistration.PatientData(spec.patientId(), "Journey^Transfer",
									LocalDate.of(1970, 5, 17), "F", null, null, null),
							null))
			.id();

		Page adminPage = browser.newPage();
		logIn(adminPage, fixtures.usernameOf(admin), Fixtures.PASSWORD);
		adminPage.navigate(url("/transfers/destinations"));
		String form = ".department-destinations[data-department='" + department.id().value()
				+ "'] form.destination-form";
		adminPage.fill(form + " input[name=name]", "<script>alert(1)</script> PACS");
		adminPage.fill(form + " input[name=aeTitle]", "JOURNEYPACS");
		adminPage.fill(form + " input[name=host]", "127.0.0.1");
		adminPage.fill(form + " input[name=port]", Integer.toString(PACS.port));
		adminPage.click(form + " button[type=submit]");
		assertThat(adminPage.textContent("#notice")).isEqualTo("The destination is saved.");
		assertThat(adminPage.textContent(".destination-name")).isEqualTo("<script>alert(1)</script> PACS");
		adminPage.click(".destination-test");
		assertThat(adminPage.textContent("#notice")).isEqualTo("The destination answered.");

		Page page = browser.newPage();
		logIn(page, fixtures.usernameOf(radiologist), Fixtures.PASSWORD);
		page.navigate(url("/studies/" + id.value()));
		assertThat(page.locator("#forward-destination option").count()).isEqualTo(1);
		page.click("#forward-button");
		assertThat(page.textContent("#notice")).contains("queued");
		Object download = page.evaluate("() => fetch(document.getElementById('download-dicom').href)"
				+ ".then(r => r.arrayBuffer().then(b => r.status + ' ' + r.headers.get('content-type') + ' ' + b.byteLength))");
		assertThat(download.toString()).startsWith("200 application/zip ");

		// the browser is driven from the test's own thread only
		await("both transfers done on the access tab").atMost(Duration.ofSeconds(60))
			.pollInSameThread()
			.pollDelay(Duration.ZERO)
			.pollInterval(Duration.ofMillis(300))
			.untilAsserted(() -> {
				adminPage.navigate(url("/studies/" + id.value() + "/access"));
				assertThat(adminPage.locator("#access-transfers .transfer-row[data-state=DONE]").count())
					.as(adminPage.locator("#access-transfers").innerHTML())
					.isGreaterThanOrEqualTo(2);
			});
		assertThat(adminPage.locator("#access-transfers .transfer-row[data-state=DONE]").count())
			.as(adminPage.locator("#access-transfers").innerHTML())
			.isEqualTo(2);
		assertThat(adminPage.locator("#access-transfers").innerText()).contains("Journey Radiologist", "Forward",
				"Download", "dicom", "<script>alert(1)</script> PACS", "2 / 2");
		assertThat(PACS.received()).hasSize(2);
	}

}
