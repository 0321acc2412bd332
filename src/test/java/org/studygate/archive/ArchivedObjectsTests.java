package org.studygate.archive;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.studygate.Fixtures;
import org.studygate.department.Department;
import org.studygate.directory.UserId;
import org.studygate.study.Studies;
import org.studygate.study.Study;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * Objects other than single images register with their study and are counted; what the
 * archive cannot render gets a labelled placeholder thumbnail, never an error.
 */
class ArchivedObjectsTests extends ArchiveTestSupport {

	@Autowired
	Studies studies;

	@Test
	void multiFramePdfReportKeyObjectAndPresentationStateRegisterAndEachThumbnailIsAnImage() throws Exception {
		String aet = aeTitle();
		Department department = departmentSending(aet);
		String uid = DicomFiles.uid();
		Path directory = Files.createTempDirectory("objects");
		List<Path> files = new ArrayList<>();
		// the archive files objects of one Study Instance UID under one study only when
		// they carry one patient ID
		String patientId = "O" + Fixtures.unique();
		Path image = DicomHeader.secondaryCapture(uid, 1, 1)
			.set("(0010,0020) LO", patientId)
			.set("(0010,0010) PN", "Many^Objects")
			.set("(0008,0020) DA", "20250707")
			.write(directory);
		files.add(image);
		files.add(DicomHeader.secondaryCapture(uid, 2, 1)
			.set("(0008,0016) UI", "1.2.840.10008.5.1.4.1.1.7.2")
			.set("(0028,0008) IS", "3")
			.set("(0010,0020) LO", patientId)
			.set("(0010,0010) PN", "Many^Objects")
			.write(directory));
		Path pdf = directory.resolve("report.pdf");
		Files.writeString(pdf,
				"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]"
						+ "/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
						+ "trailer<</Root 1 0 R>>\n%%EOF\n",
				StandardCharsets.US_ASCII);
		Path encapsulated = directory.resolve("pdf.dcm");
		Orthanc.run(List.of("pdf2dcm", pdf.toString(), encapsulated.toString(), "+st", image.toString()));
		files.add(encapsulated);
		files.add(DicomHeader.object(uid, 4, 1, "1.2.840.10008.5.1.4.1.1.88.11", "SR")
			.set("(0010,0020) LO", patientId)
			.write(directory));
		files.add(DicomHeader.object(uid, 5, 1, "1.2.840.10008.5.1.4.1.1.88.59", "KO")
			.set("(0010,0020) LO", patientId)
			.write(directory));
		files.add(DicomHeader.object(uid, 6, 1, "1.2.840.10008.5.1.4.1.1.11.1", "PR")
			.set("(0010,0020) LO", patientId)
			.write(directory));

		ARCHIVE.send(aet, files);
		ARCHIVE.awaitStable(uid);
		pollUntilIngested(uid);
		// a slow archive may report the study stable before its last series: it grows
		// then
		await("every object counted").atMost(Duration.ofSeconds(60))
			.pollDelay(Duration.ZERO)
			.pollInterval(Duration.ofMillis(200))
			.until(() -> {
				ingestion.poll();
				return studies.find(studies.findIdByUid(uid).orElseThrow()).orElseThrow().instanceCount() >= 6;
			});

		Study study = studies.find(studies.findIdByUid(uid).orElseThrow()).orElseThrow();
		assertThat(study.seriesCount()).isEqualTo(6);
		assertThat(study.instanceCount()).isEqualTo(6);
		UserId user = fixtures.sourceUser(department, "Source");
		MockHttpServletResponse page = mvc
			.perform(get("/studies/" + study.id()).with(authentication(fixtures.signedIn(user))))
			.andReturn()
			.getResponse();
		assertThat(page.getStatus()).isEqualTo(200);
		List<String> types = new ArrayList<>();
		for (var series : ARCHIVE.get("/studies/" + ARCHIVE.awaitStable(uid) + "/series")) {
			String seriesUid = series.path("MainDicomTags").path("SeriesInstanceUID").asString();
			MockHttpServletResponse thumbnail = mvc
				.perform(get("/dicomweb/studies/" + uid + "/series/" + seriesUid + "/thumbnail")
					.with(authentication(fixtures.signedIn(user))))
				.andReturn()
				.getResponse();
			assertThat(thumbnail.getStatus()).as(seriesUid).isEqualTo(200);
			assertThat(thumbnail.getContentAsByteArray()).isNotEmpty();
			types.add(series.path("MainDicomTags").path("Modality").asString() + " " + thumbnail.getContentType());
		}
		assertThat(types).contains("OT image/jpeg", "DOC image/svg+xml", "SR image/svg+xml", "KO image/svg+xml",
				"PR image/svg+xml");
	}

	@Test
	void encapsulatedCdaAndVideoRegisterAndTheirThumbnailsAndViewerFramesArePlaceholders() throws Exception {
		String aet = aeTitle();
		Department department = departmentSending(aet);
		String uid = DicomFiles.uid();
		Path directory = Files.createTempDirectory("documents");
		String patientId = "C" + Fixtures.unique();
		Path image = DicomHeader.secondaryCapture(uid, 1, 1)
			.set("(0010,0020) LO", patientId)
			.set("(0010,0010) PN", "Cda^Video")
			.set("(0008,0020) DA", "20250708")
			.write(directory);
		Path cda = directory.resolve("letter.xml");
		Files.writeString(cda, """
				<?xml version="1.0" encoding="UTF-8"?>
				<ClinicalDocument xmlns="urn:hl7-org:v3"><title>Discharge letter</title>
				<component><nonXMLBody><text>Discharged in good health.</text></nonXMLBody></component>
				</ClinicalDocument>
				""", StandardCharsets.UTF_8);
		Path document = directory.resolve("cda.dcm");
		Orthanc.run(List.of("cda2dcm", "+ov", "+t", "Discharge letter", "-k", "0008,0060=DOC", "+st", image.toString(),
				cda.toString(), document.toString()));
		Path video = DicomHeader.video(uid, 3, 1).set("(0010,0020) LO", patientId).write(directory);

		// a modality proposes the SOP classes of its objects (the CDA's among them); a
		// video modality its MPEG-4 transfer syntax
		ARCHIVE.send(aet, List.of(image, document), List.of("-R"));
		ARCHIVE.send(aet, List.of(video), List.of("-R", "-xn"));
		ARCHIVE.awaitStable(uid);
		pollUntilIngested(uid);
		await("every object counted").atMost(Duration.ofSeconds(60))
			.pollDelay(Duration.ZERO)
			.pollInterval(Duration.ofMillis(200))
			.until(() -> {
				ingestion.poll();
				return studies.find(studies.findIdByUid(uid).orElseThrow()).orElseThrow().instanceCount() >= 3;
			});

		Study study = studies.find(studies.findIdByUid(uid).orElseThrow()).orElseThrow();
		assertThat(study.seriesCount()).isEqualTo(3);
		assertThat(study.instanceCount()).isEqualTo(3);
		assertThat(study.departmentId()).isEqualTo(department.id().value());
		UserId user = fixtures.sourceUser(department, "Source");
		assertThat(mvc.perform(get("/studies/" + study.id()).with(authentication(fixtures.signedIn(user))))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(200);
		List<String> answers = new ArrayList<>();
		for (var series : ARCHIVE.get("/studies/" + ARCHIVE.awaitStable(uid) + "/series")) {
			String modality = series.path("MainDicomTags").path("Modality").asString();
			String base = "/dicomweb/studies/" + uid + "/series/"
					+ series.path("MainDicomTags").path("SeriesInstanceUID").asString();
			MockHttpServletResponse thumbnail = mvc
				.perform(get(base + "/thumbnail").with(authentication(fixtures.signedIn(user))))
				.andReturn()
				.getResponse();
			answers.add(modality + " thumbnail " + thumbnail.getStatus() + " " + thumbnail.getContentType());
			String instance = ARCHIVE.get("/series/" + series.path("ID").asString() + "/instances")
				.get(0)
				.path("MainDicomTags")
				.path("SOPInstanceUID")
				.asString();
			// the built-in viewer shows each instance's rendered image
			MockHttpServletResponse frame = mvc
				.perform(get(base + "/instances/" + instance + "/rendered").header("Accept", "image/png")
					.with(authentication(fixtures.signedIn(user))))
				.andReturn()
				.getResponse();
			answers.add(modality + " rendered " + frame.getStatus() + " " + frame.getContentType());
			if ("image/svg+xml".equals(frame.getContentType())) {
				assertThat(frame.getContentAsString()).contains("No preview");
			}
		}
		assertThat(answers).containsExactlyInAnyOrder("OT thumbnail 200 image/jpeg", "OT rendered 200 image/png",
				"DOC thumbnail 200 image/svg+xml", "DOC rendered 200 image/svg+xml", "ES thumbnail 200 image/svg+xml",
				"ES rendered 200 image/svg+xml");
	}

	@Autowired
	ArchiveReconciliation reconciliation;

	@Test
	void aStudyDeletedFromTheArchiveKeepsItsRegistrationButNoLongerCountsImages() throws Exception {
		String aet = aeTitle();
		departmentSending(aet);
		DicomFiles.Spec spec = DicomFiles.Spec.of("DEL" + (Fixtures.unique() + "0000").substring(0, 5), "Deleted^Later")
			.size(1, 2);
		arrive(spec, aet);
		Study before = studies.find(studies.findIdByUid(spec.studyInstanceUid()).orElseThrow()).orElseThrow();
		assertThat(before.instanceCount()).isEqualTo(2);

		ARCHIVE.delete("/studies/" + ARCHIVE.awaitStable(spec.studyInstanceUid()));
		reconciliation.reconcile();

		Study after = studies.find(before.id()).orElseThrow();
		assertThat(after.instanceCount()).isZero();
		assertThat(after.seriesCount()).isZero();
		assertThat(studies.arrivedAt(before.id())).isPresent();
	}

	@Test
	void anUnmatchedStudyDeletedFromTheArchiveLeavesTheDesk() {
		DicomFiles.Spec spec = DicomFiles.Spec.of("GONE", "Gone^Unmatched")
			.institution("Nowhere " + Fixtures.unique())
			.size(1, 1);
		ARCHIVE.send(aeTitle(), DicomFiles.make(spec));
		String archiveId = ARCHIVE.awaitStable(spec.studyInstanceUid());
		pollUntilIngested(spec.studyInstanceUid());
		assertThat(ingestion.unmatchedReasons(spec.studyInstanceUid())).isNotEmpty();

		ARCHIVE.delete("/studies/" + archiveId);
		reconciliation.reconcile();

		assertThat(ingestion.unmatchedReasons(spec.studyInstanceUid())).isEmpty();
		assertThat(studies.findIdByUid(spec.studyInstanceUid())).isEmpty();
	}

	@Test
	void theQidoAnswerGivesAPersonNamesThreeGroupsApart() {
		assertThat(StudySearch.personName("Yamada^Tarou=山田^太郎=やまだ^たろう")).containsEntry("Alphabetic", "Yamada^Tarou")
			.containsEntry("Ideographic", "山田^太郎")
			.containsEntry("Phonetic", "やまだ^たろう");
		assertThat(StudySearch.personName("Maes^Anna")).containsOnlyKeys("Alphabetic");
	}

}
