package org.studygate.archive;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.studygate.access.GrantOrigin;
import org.studygate.access.GrantScope;
import org.studygate.access.Grants;
import org.studygate.access.NewGrant;
import org.studygate.access.SubjectType;
import org.studygate.department.Department;
import org.studygate.directory.Actor;
import org.studygate.directory.UserId;
import org.studygate.study.Studies;
import org.studygate.study.StudyId;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * The attack: a user who may view a study's images but not download it (here an
 * images-only grantee) asks the {@code /dicomweb} gateway for the original DICOM instead
 * of the {@code /download} he is refused. Study-, series- and instance-level retrieval
 * and bulk data are decided as DOWNLOAD whatever the Accept header says; metadata,
 * frames, rendered images and thumbnails stay VIEW_IMAGES, so that a viewer (Orthanc's
 * DICOMweb client here) keeps working.
 */
class ImageDownloadBypassTests extends ArchiveTestSupport {

	@Autowired
	Studies studies;

	@Autowired
	Grants grants;

	@Autowired
	JsonMapper json;

	Department radiology;

	UserId viewer;

	UserId radiologist;

	String uid;

	StudyId study;

	Orthanc viewerSide;

	@BeforeEach
	void aStudyAndAnImagesOnlyGrantee() {
		String aet = aeTitle();
		radiology = departmentSending(aet);
		radiologist = fixtures.sourceUser(radiology, "Radiologist Originals");
		viewer = fixtures.user("Images Only Viewer");
		uid = arrive(DicomFiles.Spec.of("ORIG", "Original^Patient").size(1, 2), aet);
		study = studies.findIdByUid(uid).orElseThrow();
		grants.grant(Actor.systemOperator("test"), study, new NewGrant(SubjectType.USER, viewer.value(),
				GrantScope.IMAGES, false, false, null, null, GrantOrigin.RULE));
	}

	@AfterEach
	void stopTheClient() {
		if (viewerSide != null) {
			viewerSide.close();
		}
	}

	private MockHttpServletResponse as(UserId user, String path, String accept) throws Exception {
		MockHttpServletRequestBuilder request = get(path).header("Authorization", fixtures.bearer(user));
		if (accept != null) {
			request.header("Accept", accept);
		}
		return mvc.perform(request).andReturn().getResponse();
	}

	private int deniedDownloads(UserId user) {
		return jdbc.sql("""
				select count(*) from audit.entry where study_id = :study and actor_id = :actor and action = 'DOWNLOAD'
				    and outcome = 'DENIED' and channel = 'DICOMWEB'
				""").param("study", study.value()).param("actor", user.toString()).query(Integer.class).single();
	}

	private int downloads(UserId user) {
		return jdbc.sql("""
				select count(*) from audit.entry where study_id = :study and actor_id = :actor and action = 'DOWNLOADED'
				    and outcome = 'SUCCESS' and channel = 'DICOMWEB' and details ->> 'format' = 'dicom'
				""").param("study", study.value()).param("actor", user.toString()).query(Integer.class).single();
	}

	@Test
	void anImagesOnlyGranteeGetsNoOriginalDicomWhateverUrlOrAcceptHeaderHeTries() throws Exception {
		String base = "/dicomweb/studies/" + uid;
		String series = base + "/series/" + uid + ".1";
		String instance = series + "/instances/" + uid + ".1.1";
		List<String> paths = List.of(base, base + "/", series, series + "/", instance, instance + "/",
				instance + "?accept=application/dicom", series + "?transfer-syntax=*", instance + "/bulk/7FE00010");
		List<String> accepts = new ArrayList<>();
		accepts.add(null);
		accepts.addAll(List.of("multipart/related; type=\"application/dicom\"", "application/dicom", "*/*",
				"multipart/related; type=\"application/dicom\"; transfer-syntax=*",
				"application/dicom+json;q=0.1, multipart/related; type=application/dicom;q=0.9", "application/zip",
				"multipart/related; type=\"application/octet-stream\""));
		int attempts = 0;
		for (String path : paths) {
			for (String accept : accepts) {
				MockHttpServletResponse response = as(viewer, path, accept);
				assertThat(response.getStatus()).as(path + " with " + accept).isIn(403, 404);
				assertThat(new String(response.getContentAsByteArray(), StandardCharsets.ISO_8859_1))
					.as(path + " with " + accept)
					.doesNotContain("DICM")
					.doesNotContain("Original^Patient");
				attempts++;
			}
		}
		assertThat(deniedDownloads(viewer)).isEqualTo(attempts);
		assertThat(downloads(viewer)).isZero();
		assertThat(auditCount(study.value(), "IMAGES_RETRIEVED")).isZero();
	}

	@Test
	void onlyViewingPathsStayViewImagesAndADicomAnswerToThemIsNotPassedOn() {
		String instance = "/series/1.2/instances/1.2.3";
		assertThat(List.of("", "/series/1.2", instance, instance + "/bulk/7FE00010",
				"/series/1.2/instances/1.2.3/bulk/1/2"))
			.allMatch(Archive::original);
		assertThat(List.of("/metadata", "/rendered", "/thumbnail", "/series/1.2/metadata", "/series/1.2/thumbnail",
				instance + "/metadata", instance + "/frames/1", instance + "/frames/1,2/rendered",
				instance + "/rendered"))
			.noneMatch(Archive::original);
		assertThat(List.of("application/dicom", "multipart/related; type=\"application/dicom\"; boundary=x",
				"multipart/related;type=application/dicom", "application/zip", "Application/DICOM"))
			.allMatch(Archive::dicomFiles);
		assertThat(List.of("application/dicom+json", "multipart/related; type=\"application/octet-stream\"; boundary=x",
				"image/jpeg", "multipart/related; type=\"application/dicom+xml\""))
			.noneMatch(Archive::dicomFiles);
	}

	@Test
	void aUserWhoMayDownloadGetsTheInstancesAndTheRetrievalIsLoggedAsADownload() throws Exception {
		String instance = "/dicomweb/studies/" + uid + "/series/" + uid + ".1/instances/" + uid + ".1.2";
		MockHttpServletResponse response = as(radiologist, instance, "multipart/related; type=\"application/dicom\"");

		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(new String(response.getContentAsByteArray(), StandardCharsets.ISO_8859_1)).contains("DICM")
			.contains(uid + ".1.2");
		assertThat(downloads(radiologist)).isEqualTo(1);
		assertThat(deniedDownloads(radiologist)).isZero();
	}

	@Test
	void orthancsDicomWebClientViewsMetadataThenFramesOnViewImagesAloneAndIsRefusedTheOriginals() throws Exception {
		viewerSide = Orthanc.client("VIEWONLY", """
				{ "studygate": { "Url": "http://127.0.0.1:%d/dicomweb/",
				                 "HttpHeaders": { "Authorization": "%s" } } }
				""".formatted(port, fixtures.bearer(viewer)));

		JsonNode metadata = viewerSide.post("/dicom-web/servers/studygate/get",
				("{\"Uri\": \"/studies/" + uid + "/metadata\"}").getBytes(StandardCharsets.UTF_8), "application/json");
		assertThat(metadata.isArray()).as(metadata.toString()).isTrue();
		assertThat(metadata.size()).isEqualTo(2);
		String seriesUid = metadata.get(0).path("0020000E").path("Value").path(0).asString();
		String sopUid = metadata.get(0).path("00080018").path("Value").path(0).asString();

		HttpResponse<byte[]> frame = HttpClient.newBuilder()
			.connectTimeout(Duration.ofSeconds(5))
			.build()
			.send(HttpRequest.newBuilder(URI.create(viewerSide.restUrl() + "/dicom-web/servers/studygate/get"))
				.timeout(Duration.ofSeconds(60))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(
						"""
								{"Uri": "/studies/%s/series/%s/instances/%s/frames/1",
								 "HttpHeaders": {"Accept": "multipart/related; type=\\"application/octet-stream\\"; transfer-syntax=*"}}
								"""
							.formatted(uid, seriesUid, sopUid)))
				.build(), HttpResponse.BodyHandlers.ofByteArray());
		assertThat(frame.statusCode()).as(new String(frame.body(), StandardCharsets.ISO_8859_1)).isEqualTo(200);
		assertThat(frame.body().length).isGreaterThan(64);
		assertThat(auditCount(study.value(), "IMAGES_RETRIEVED")).isEqualTo(1);

		JsonNode refused = viewerSide.post("/dicom-web/servers/studygate/retrieve",
				("{\"Resources\": [{\"Study\": \"" + uid + "\"}]}").getBytes(StandardCharsets.UTF_8),
				"application/json");
		JsonNode copy = viewerSide.post("/tools/find",
				("{\"Level\": \"Instance\", \"Query\": {\"StudyInstanceUID\": \"" + uid + "\"}}")
					.getBytes(StandardCharsets.UTF_8),
				"application/json");
		assertThat(copy.size()).as("refused: " + refused).isZero();
		assertThat(deniedDownloads(viewer)).isGreaterThanOrEqualTo(1);
		assertThat(downloads(viewer)).isZero();
	}

}
