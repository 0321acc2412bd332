package org.studygate.journey;

import java.time.LocalDate;

import com.microsoft.playwright.Page;
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

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The study page's images in a real browser over a real archive: the thumbnails load
 * through the gateway with the staff session, a click opens the frame viewer (the window
 * preset links show the series in it without leaving the page), and previous/next move
 * through the series' images.
 */
class ViewerJourneyTests extends BrowserJourney {

	static final Orthanc ARCHIVE = Orthanc.shared();

	@DynamicPropertySource
	static void archive(DynamicPropertyRegistry registry) {
		registry.add("studygate.archive.url", ARCHIVE::dicomWebUrl);
		registry.add("studygate.archive.poll-initial-delay", () -> "PT1000H");
	}

	@Autowired
	Fixtures fixtures;

	@Autowired
	Registrations registrations;

	@Test
	void aRadiologistPagesThroughTheImagesOfASeries() {
		Department department = fixtures.department("Viewer radiology");
		UserId radiologist = fixtures.sourceUser(department, "Viewer Radiologist");
		DicomFiles.Spec spec = DicomFiles.Spec.of("VIEW1", "Viewer^Patient").size(1, 3).side(64);
		ARCHIVE.upload(DicomFiles.make(spec));
		StudyId id = registrations
			.register(Actor.systemOperator("ris"),
					new StudyRegistration(spec.studyInstanceUid(), "VIEW1", department.code().value(),
							LocalDate.of(2025, 3, 14), null, "CT", "CT thorax", 1, 3,
							new StudyRegistration.PatientData(spec.patientId(), "Viewer^Patient",
									LocalDate.of(1970, 5, 17), "F", null, null, null),
							null))
			.id();

		Page page = browser.newPage();
		logIn(page, fixtures.usernameOf(radiologist), Fixtures.PASSWORD);
		page.navigate(url("/studies/" + id));
		assertThat(page.locator("#series-list").count()).as(page.locator("#images").innerHTML()).isEqualTo(1);
		Object status = page.evaluate(
				"() => fetch(document.querySelector('.series-thumb img').src).then(r => r.status + ' ' + r.headers.get('content-type'))");
		assertThat(status).isEqualTo("200 image/jpeg");
		Object thumbnailWidth = page.evaluate("() => { const i = document.querySelector('.series-thumb img');"
				+ " return i.decode().then(() => i.naturalWidth); }");
		assertThat(((Number) thumbnailWidth).intValue()).isPositive();
		assertThat(page.locator("#frame-viewer").isHidden()).isTrue();

		page.click(".series-thumb");
		assertThat(page.evaluate(
				"() => { const f = document.getElementById('frame'); return f.decode().then(() => f.naturalWidth); }"))
			.isEqualTo(64);
		assertThat(page.getAttribute("#frame", "src"))
			.endsWith("/instances/" + spec.studyInstanceUid() + ".1.1/rendered");
		assertThat(page.textContent("#frame-position")).isEqualTo("1 / 3");
		assertThat(page.isDisabled("#frame-previous")).isTrue();
		// the built-in viewer, open on the study page (decision 064)
		accessible(page);

		page.click("#frame-next");
		page.click("#frame-next");
		assertThat(page.textContent("#frame-position")).isEqualTo("3 / 3");
		assertThat(page.getAttribute("#frame", "src"))
			.endsWith("/instances/" + spec.studyInstanceUid() + ".1.3/rendered");
		assertThat(page.isDisabled("#frame-next")).isTrue();
		assertThat(page.evaluate(
				"() => { const f = document.getElementById('frame'); return f.decode().then(() => f.naturalWidth); }"))
			.isEqualTo(64);

		page.click("#frame-previous");
		assertThat(page.textContent("#frame-position")).isEqualTo("2 / 3");

		String studyPage = page.url();
		assertThat(page.getAttribute(".window-preset", "href"))
			.endsWith("/instances/" + spec.studyInstanceUid() + ".1.1/rendered");
		page.click(".window-preset");
		assertThat(page.url()).isEqualTo(studyPage);
		assertThat(page.textContent("#frame-position")).isEqualTo("2 / 3");
		assertThat(page.getAttribute("#frame", "src"))
			.endsWith("/instances/" + spec.studyInstanceUid() + ".1.2/rendered");
		assertThat(page.getAttribute(".window-preset", "aria-current")).isEqualTo("true");
		page.context().close();
	}

}
