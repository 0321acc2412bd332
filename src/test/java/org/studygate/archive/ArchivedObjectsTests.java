package org.studygate.archive;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
		Path image = DicomHeader.secondaryCapture(uid, 1, 1)
			.set("(0010,0020) LO", "O" + Fixtures.unique())
			.set("(0010,0010) PN", "Many^Objects")
			.set("(0008,0020) DA", "20250707")
			.write(directory);
		files.add(image);
		files.add(DicomHeader.secondaryCapture(uid, 2, 1)
			.set("(0008,0016) UI", "1.2.840.10008.5.1.4.1.1.7.2")
			.set("(0028,0008) IS", "3")
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
		files.add(DicomHeader.object(uid, 4, 1, "1.2.840.10008.5.1.4.1.1.88.11", "SR").write(directory));
		files.add(DicomHeader.object(uid, 5, 1, "1.2.840.10008.5.1.4.1.1.88.59", "KO").write(directory));
		files.add(DicomHeader.object(uid, 6, 1, "1.2.840.10008.5.1.4.1.1.11.1", "PR").write(directory));

		ARCHIVE.send(aet, files);
		ARCHIVE.awaitStable(uid);
		pollUntilIngested(uid);

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

}
