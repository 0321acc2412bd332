package org.studygate.archive;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.studygate.Fixtures;
import org.studygate.department.Department;
import org.studygate.department.Departments;
import org.studygate.directory.UserId;
import org.studygate.study.Studies;
import org.studygate.study.StudyId;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The {@code /dicomweb} gateway over the real archive: QIDO-RS filtered by the decision
 * point, WADO-RS streamed after a VIEW_IMAGES decision, refusals as 404 and logged,
 * retrievals logged once per window; and the study page's images, also while the archive
 * is down.
 */
class DicomWebGatewayTests extends ArchiveTestSupport {

	@Autowired
	Studies studies;

	@Autowired
	JsonMapper json;

	Department radiology;

	Department cardiology;

	UserId radiologist;

	String ours;

	String theirs;

	@BeforeEach
	void twoDepartmentsWithAStudyEach() {
		String ourAet = aeTitle();
		String theirAet = aeTitle();
		radiology = departmentSending(ourAet);
		cardiology = departmentSending(theirAet);
		radiologist = fixtures.sourceUser(radiology, "Radiologist Gateway");
		ours = arrive(DicomFiles.Spec.of("OURS", "Ours^Patient").size(2, 2), ourAet);
		theirs = arrive(DicomFiles.Spec.of("THEIRS", "Theirs^Patient").size(1, 1), theirAet);
	}

	private StudyId idOf(String uid) {
		return studies.findIdByUid(uid).orElseThrow();
	}

	private JsonNode qido(String query) throws Exception {
		MockHttpServletResponse response = mvc
			.perform(get("/dicomweb/studies" + query).header("Authorization", fixtures.bearer(radiologist)))
			.andReturn()
			.getResponse();
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getContentType()).startsWith("application/dicom+json");
		return json.readTree(response.getContentAsByteArray());
	}

	private static List<String> uids(JsonNode answer) {
		List<String> uids = new ArrayList<>();
		answer.forEach(study -> uids.add(study.path("0020000D").path("Value").path(0).asString()));
		return uids;
	}

	@Test
	void qidoListsOnlyTheStudiesTheCallerMayList() throws Exception {
		JsonNode all = qido("?limit=100");
		assertThat(uids(all)).contains(ours).doesNotContain(theirs);
		JsonNode one = qido("?StudyInstanceUID=" + ours);
		assertThat(uids(one)).containsExactly(ours);
		assertThat(one.get(0).path("00201208").path("Value").path(0).asInt()).isEqualTo(4);
		assertThat(one.get(0).path("00081190").path("Value").path(0).asString())
			.isEqualTo("http://localhost/dicomweb/studies/" + ours);
		assertThat(uids(qido("?StudyInstanceUID=" + theirs))).isEmpty();
		assertThat(uids(qido("?PatientName=Theirs*"))).isEmpty();
		assertThat(uids(qido("?PatientName=Ours*"))).containsExactly(ours);
		assertThat(jdbc.sql("""
				select count(*) from audit.entry where action = 'STUDIES_QUERIED' and actor_id = :actor
				and channel = 'DICOMWEB' and outcome = 'SUCCESS'
				""").param("actor", radiologist.toString()).query(Integer.class).single()).isEqualTo(5);
	}

	@Test
	void qidoPagesWithLimitAndOffsetWithoutGapsOrRepeats() throws Exception {
		Department small = fixtures.department("Paging");
		UserId user = fixtures.sourceUser(small, "Pager");
		List<String> registered = new ArrayList<>();
		for (int day = 1; day <= 5; day++) {
			StudyId id = fixtures.study(small, "Page^Patient", LocalDate.of(2024, 1, day), null);
			registered.add(0, studies.find(id).orElseThrow().studyInstanceUid());
		}
		List<String> paged = new ArrayList<>();
		for (int offset = 0; offset < 6; offset += 2) {
			MockHttpServletResponse response = mvc
				.perform(get("/dicomweb/studies?limit=2&offset=" + offset).header("Authorization",
						fixtures.bearer(user)))
				.andReturn()
				.getResponse();
			paged.addAll(uids(json.readTree(response.getContentAsByteArray())));
		}
		assertThat(paged).containsExactlyElementsOf(registered);
	}

	@Test
	void streamsMetadataWhoseLinksLeadBackToTheGateway() throws Exception {
		MockHttpServletResponse response = mvc
			.perform(get("/dicomweb/studies/" + ours + "/metadata").header("Authorization",
					fixtures.bearer(radiologist)))
			.andReturn()
			.getResponse();
		assertThat(response.getStatus()).isEqualTo(200);
		String body = response.getContentAsString();
		JsonNode metadata = json.readTree(body);
		assertThat(metadata.size()).isEqualTo(4);
		assertThat(body).contains("\"BulkDataURI\"").contains("http://localhost/dicomweb/studies/" + ours + "/series/");
		assertThat(body).doesNotContain(ARCHIVE.dicomWebUrl()).doesNotContain("/dicom-web/");
	}

	@Test
	void streamsInstancesFramesRenderedImagesAndThumbnails() throws Exception {
		String series = "/dicomweb/studies/" + ours + "/series/" + ours + ".1";
		String bearer = fixtures.bearer(radiologist);
		MockHttpServletResponse frames = mvc
			.perform(get(series + "/instances/" + ours + ".1.2/frames/1").header("Authorization", bearer))
			.andReturn()
			.getResponse();
		assertThat(frames.getStatus()).isEqualTo(200);
		assertThat(frames.getContentType()).startsWith("multipart/related");
		assertThat(frames.getContentAsByteArray().length).isGreaterThan(64);

		MockHttpServletResponse rendered = mvc
			.perform(get(series + "/instances/" + ours + ".1.2/rendered").header("Authorization", bearer))
			.andReturn()
			.getResponse();
		assertThat(rendered.getStatus()).isEqualTo(200);
		assertThat(rendered.getContentType()).isEqualTo("image/jpeg");
		assertThat(rendered.getContentAsByteArray()).startsWith((byte) 0xFF, (byte) 0xD8);

		MockHttpServletResponse thumbnail = mvc.perform(get(series + "/thumbnail").header("Authorization", bearer))
			.andReturn()
			.getResponse();
		assertThat(thumbnail.getStatus()).isEqualTo(200);
		assertThat(thumbnail.getContentType()).isEqualTo("image/jpeg");

		MockHttpServletResponse instance = mvc
			.perform(get(series + "/instances/" + ours + ".1.1").header("Authorization", bearer)
				.header("Accept", "multipart/related; type=\"application/dicom\""))
			.andReturn()
			.getResponse();
		assertThat(instance.getStatus()).isEqualTo(200);
		assertThat(new String(instance.getContentAsByteArray(), java.nio.charset.StandardCharsets.ISO_8859_1))
			.contains("DICM")
			.contains(ours + ".1.1");

		MockHttpServletResponse seriesQuery = mvc
			.perform(get("/dicomweb/studies/" + ours + "/series").header("Authorization", bearer))
			.andReturn()
			.getResponse();
		assertThat(seriesQuery.getStatus()).isEqualTo(200);
		assertThat(json.readTree(seriesQuery.getContentAsByteArray()).size()).isEqualTo(2);
		assertThat(seriesQuery.getContentAsString()).contains("http://localhost/dicomweb/studies/" + ours + "/series/");
	}

	@Test
	void refusesAStudyOfAnotherDepartmentAsNotFoundAndLogsTheRefusal() throws Exception {
		String bearer = fixtures.bearer(radiologist);
		for (String path : List.of("/metadata", "", "/series", "/series/" + theirs + ".1/instances",
				"/series/" + theirs + ".1/instances/" + theirs + ".1.1/frames/1",
				"/series/" + theirs + ".1/thumbnail")) {
			MockHttpServletResponse response = mvc
				.perform(get("/dicomweb/studies/" + theirs + path).header("Authorization", bearer))
				.andReturn()
				.getResponse();
			assertThat(response.getStatus()).as(path).isEqualTo(404);
			assertThat(response.getContentAsString()).doesNotContain("Theirs");
		}
		UUID study = idOf(theirs).value();
		assertThat(jdbc.sql("""
				select count(*) from audit.entry where study_id = :study and outcome = 'DENIED' and actor_id = :actor
				    and channel = 'DICOMWEB'
				""").param("study", study).param("actor", radiologist.toString()).query(Integer.class).single())
			.isEqualTo(6);
		assertThat(auditCount(study, "IMAGES_RETRIEVED")).isZero();
	}

	@Test
	void refusesAnUnknownStudyInstanceUidAsNotFoundAndLogsTheRefusal() throws Exception {
		String unknown = DicomFiles.uid();
		assertThat(mvc
			.perform(get("/dicomweb/studies/" + unknown + "/metadata").header("Authorization",
					fixtures.bearer(radiologist)))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(404);
		assertThat(jdbc.sql("""
				select count(*) from audit.entry where actor_id = :actor and outcome = 'DENIED'
				    and details ->> 'reason' like '%' || :uid
				""").param("actor", radiologist.toString()).param("uid", unknown).query(Integer.class).single())
			.isEqualTo(1);
	}

	@Test
	void logsTheRetrievalsOfAStudyOncePerWindowNotOncePerFrame() throws Exception {
		String bearer = fixtures.bearer(radiologist);
		String series = "/dicomweb/studies/" + ours + "/series/" + ours + ".2";
		mvc.perform(get("/dicomweb/studies/" + ours + "/metadata").header("Authorization", bearer));
		for (int i = 1; i <= 2; i++) {
			mvc.perform(get(series + "/instances/" + ours + ".2." + i + "/frames/1").header("Authorization", bearer));
			mvc.perform(get(series + "/instances/" + ours + ".2." + i + "/rendered").header("Authorization", bearer));
		}
		UUID study = idOf(ours).value();
		assertThat(auditCount(study, "IMAGES_RETRIEVED")).isEqualTo(1);
		assertThat(jdbc.sql("select channel from audit.entry where study_id = :study and action = 'IMAGES_RETRIEVED'")
			.param("study", study)
			.query(String.class)
			.single()).isEqualTo("DICOMWEB");

		UserId colleague = fixtures.sourceUser(radiology, "Colleague Gateway");
		mvc.perform(get(series + "/thumbnail").header("Authorization", fixtures.bearer(colleague)));
		assertThat(auditCount(study, "IMAGES_RETRIEVED")).isEqualTo(2);
	}

	@Test
	void asksForAuthenticationWithoutTokenOrSessionAndAcceptsAStaffSession() throws Exception {
		MockHttpServletResponse anonymous = mvc.perform(get("/dicomweb/studies/" + ours + "/metadata"))
			.andReturn()
			.getResponse();
		assertThat(anonymous.getStatus()).isEqualTo(401);
		assertThat(anonymous.getHeader("WWW-Authenticate")).startsWith("Bearer");
		assertThat(mvc.perform(get("/dicomweb/studies").header("Authorization", "Bearer not-a-token"))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(401);
		assertThat(mvc
			.perform(
					get("/dicomweb/studies/" + ours + "/metadata").with(authentication(fixtures.signedIn(radiologist))))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(200);
		assertThat(mvc
			.perform(post("/dicomweb/studies").with(csrf()).header("Authorization", fixtures.bearer(radiologist)))
			.andReturn()
			.getResponse()
			.getStatus()).isIn(403, 405);
	}

	@Test
	void theStudyPageShowsTheSeriesThumbnailsTheViewerAndTheViewerLink() throws Exception {
		String page = mvc.perform(get("/studies/" + idOf(ours)).with(authentication(fixtures.signedIn(radiologist))))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("/dicomweb/studies/" + ours + "/series/" + ours + ".1/thumbnail")
			.contains("/dicomweb/studies/" + ours + "/series/" + ours + ".2/thumbnail")
			.contains(ours + ".1.1 " + ours + ".1.2")
			.contains("id=\"frame-viewer\"")
			.contains("/js/viewer.js")
			.contains(VIEWER.replace("{studyInstanceUid}", ours).replace("&", "&amp;"))
			.doesNotContain("<script>");
	}

	@Test
	void whenTheArchiveIsDownPagesStillWorkAndSayImagesAreTemporarilyUnavailable() throws Exception {
		ARCHIVE.stop();
		try {
			MockHttpServletResponse page = mvc
				.perform(get("/studies/" + idOf(ours)).with(authentication(fixtures.signedIn(radiologist))))
				.andReturn()
				.getResponse();
			assertThat(page.getStatus()).isEqualTo(200);
			assertThat(page.getContentAsString()).contains("id=\"images-unavailable\"")
				.contains("temporarily unavailable")
				.contains("Ours, Patient");
			MockHttpServletResponse wado = mvc
				.perform(get("/dicomweb/studies/" + ours + "/metadata").header("Authorization",
						fixtures.bearer(radiologist)))
				.andReturn()
				.getResponse();
			assertThat(wado.getStatus()).isEqualTo(503);
			assertThat(wado.getContentAsString()).doesNotContain("Exception").doesNotContain("127.0.0.1");
			assertThat(uids(qido("?StudyInstanceUID=" + ours))).containsExactly(ours);
		}
		finally {
			ARCHIVE.start();
		}
	}

	@Test
	void aDepartmentsArchiveMatchingIsChangedByItsOwnFormOnly() throws Exception {
		Department department = fixtures.department("Matching form");
		UserId desk = fixtures.serviceDesk("Desk Matching");
		mvc.perform(post("/admin/departments/" + department.code().value() + "/archive").with(csrf())
			.with(authentication(fixtures.signedIn(desk)))
			.param("aeTitles", "CT01, MR02")
			.param("institutionNames", "AZ Sint-Jan; Campus Oost"));
		var matching = departmentsFind(department).settings().archive();
		assertThat(matching.aeTitles()).containsExactly("CT01", "MR02");
		assertThat(matching.institutionNames()).containsExactly("AZ Sint-Jan", "Campus Oost");
		assertThat(departmentsFind(department).settings().languages()).isEqualTo(department.settings().languages());

		String page = mvc
			.perform(get("/admin/departments/" + department.code().value())
				.with(authentication(fixtures.signedIn(desk))))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("id=\"archive\"").contains("CT01 MR02");

		mvc.perform(post("/admin/departments/" + department.code().value() + "/archive").with(csrf())
			.with(authentication(fixtures.signedIn(desk)))
			.param("aeTitles", "WAY-TOO-LONG-AE-TITLE"));
		assertThat(departmentsFind(department).settings().archive().aeTitles()).containsExactly("CT01", "MR02");

		UserId outsider = fixtures.sourceAdmin(fixtures.department("Elsewhere"), "Outsider");
		int status = mvc
			.perform(post("/admin/departments/" + department.code().value() + "/archive").with(csrf())
				.with(authentication(fixtures.signedIn(outsider)))
				.param("aeTitles", "EVIL"))
			.andReturn()
			.getResponse()
			.getStatus();
		assertThat(status).isIn(403, 404);
		assertThat(departmentsFind(department).settings().archive().aeTitles()).containsExactly("CT01", "MR02");
	}

	@Autowired
	Departments departmentRegistry;

	private Department departmentsFind(Department department) {
		return departmentRegistry.find(department.id()).orElseThrow();
	}

}
