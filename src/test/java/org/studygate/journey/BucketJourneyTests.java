package org.studygate.journey;

import java.nio.file.Files;
import java.nio.file.Path;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.studygate.Fixtures;
import org.studygate.department.Department;
import org.studygate.directory.UserId;
import org.studygate.refcode.PatientFixtures;
import org.studygate.study.StudyId;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A source user selects two studies on the explore page and prints a reference number:
 * the code is shown once and the letter, in Dutch, holds it; the patient signs in with
 * the printed code on the department's page and sees both studies together; a source
 * admin removes one study from the bucket on its Access tab, and the patient's next look
 * shows only the other.
 */
class BucketJourneyTests extends BrowserJourney {

	@Autowired
	Fixtures fixtures;

	@Autowired
	PatientFixtures patients;

	@Test
	void aPrintedReferenceNumberOpensBothStudiesForThePatientUntilOneIsRemovedFromTheBucket() throws Exception {
		Department department = fixtures.department("Radiology Bucket Journey");
		UserId user = fixtures.sourceUser(department, "Printing User");
		UserId admin = fixtures.sourceAdmin(department, "Bucket Journey Admin");
		// one patient's knee and hip: a code verified by birth date holds one patient
		// (decision 031)
		String patientId = "P" + Fixtures.unique();
		StudyId knee = patients.study(department, 3, patientId, PatientFixtures.BIRTH_DATE, null);
		StudyId hip = patients.study(department, 3, patientId, PatientFixtures.BIRTH_DATE, null);

		Page page = browser.newPage();
		BrowserContext staff = page.context();
		logIn(page, fixtures.usernameOf(user), Fixtures.PASSWORD);
		page.locator("input.select-study[value='" + knee.value() + "']").check();
		page.locator("input.select-study[value='" + hip.value() + "']").check();
		page.click("#print-selected");
		page.waitForURL("**/buckets/print?**");
		assertThat(page.locator("#print-studies li").count()).isEqualTo(2);
		page.selectOption("#print-verification", "DOB_ONLY");
		page.fill("#print-reason", "Patient asked for the images <b>at the desk</b>");
		page.selectOption("#print-language", "nl");
		page.fill("#print-label", "Knie en heup");
		page.check("#print-agreed");
		screenshot(page, "bucket-print");
		page.click("#print-submit");
		page.waitForSelector("#bucket-code");
		String code = page.locator("#bucket-code").textContent().strip();
		assertThat(code).hasSize(10);
		Download download = page.waitForDownload(() -> page.click("#letter"));
		Path letter = download.path();
		try (PDDocument pdf = Loader.loadPDF(Files.readAllBytes(letter))) {
			assertThat(new PDFTextStripper().getText(pdf)).contains(code)
				.contains("Uw referentienummer")
				.contains("/patient/" + department.code().value())
				.doesNotContain("at the desk");
		}
		staff.close();

		Page patient = browser.newPage();
		BrowserContext patientContext = patient.context();
		patient.navigate(url("/patient/" + department.code().value()));
		patient.fill("#reference-number", code);
		patient.fill("#birth-date", PatientFixtures.BIRTH_DATE.toString());
		patient.click("#patient-submit");
		patient.waitForURL("**/patient/studies");
		assertThat(patient.locator("tr.patient-study").count()).isEqualTo(2);
		screenshot(patient, "bucket-patient-studies");

		Page adminPage = browser.newPage();
		BrowserContext adminContext = adminPage.context();
		logIn(adminPage, fixtures.usernameOf(admin), Fixtures.PASSWORD);
		adminPage.navigate(url("/studies/" + knee.value() + "/access"));
		var row = adminPage.locator("#buckets tr.bucket");
		assertThat(row.count()).isEqualTo(1);
		assertThat(row.locator(".bucket-label").textContent()).isEqualTo("Knie en heup");
		assertThat(row.locator(".bucket-reason").textContent()).contains("<b>at the desk</b>");
		assertThat(row.locator(".bucket-studies").textContent()).isEqualTo("2");
		accessible(adminPage);
		screenshot(adminPage, "bucket-section");
		row.locator("a.revoke-bucket").click();
		adminPage.waitForURL("**/revoke");
		accessible(adminPage);
		adminPage.fill("#revoke-reason", "Patient asked to stop sharing the knee");
		adminPage.click("#confirm");
		adminPage.waitForURL("**/studies/" + knee.value() + "/access");
		assertThat(row.locator(".bucket-state").textContent()).contains("Revoked")
			.contains("Patient asked to stop sharing the knee");
		assertThat(row.locator("a.revoke-bucket").count()).isZero();
		// revoked: the code opens nothing until the admin chooses
		patient.navigate(url("/patient/studies"));
		assertThat(patient.content()).doesNotContain(hip.value().toString());
		row.locator("button.remove-study").click();
		adminPage.waitForURL("**/studies/" + knee.value() + "/access");
		assertThat(adminPage.locator("#notice").textContent()).isEqualTo("The study was removed from the bucket.");
		// the line stays, greyed, saying who removed the study
		assertThat(adminPage.locator("#buckets tr.bucket.inactive").count()).isEqualTo(1);
		assertThat(row.locator(".bucket-removed").textContent()).contains("Study removed from the bucket by");
		accessible(adminPage);
		adminContext.close();

		patient.navigate(url("/patient/studies"));
		assertThat(patient.locator("tr.patient-study").count()).isEqualTo(1);
		assertThat(patient.content()).contains(hip.value().toString()).doesNotContain(knee.value().toString());
		patientContext.close();
	}

	private static void screenshot(Page page, String name) {
		page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "screenshots", name + ".png"))
			.setFullPage(true));
	}

}
