package org.studygate.demo;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.studygate.WebFixture;
import org.studygate.archive.ArchiveIngestion;
import org.studygate.archive.Orthanc;
import org.studygate.study.Studies;
import org.studygate.study.Study;
import org.studygate.study.StudyId;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The demo loader's images, made in the run's shared Orthanc as bin/run makes them in its
 * local one: they arrive through the change feed, the demo patient sees the thumbnails of
 * his MR knee and no other study's, and a CT carries 16-bit slices with its rescale and
 * window presets.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class DemoImagesTests {

	static final Orthanc ARCHIVE = Orthanc.shared();

	@DynamicPropertySource
	static void archive(DynamicPropertyRegistry registry) {
		registry.add("studygate.archive.url", ARCHIVE::dicomWebUrl);
		registry.add("studygate.archive.poll-initial-delay", () -> "PT1000H");
		registry.add("studygate.demo.ct-slices", () -> "12");
	}

	@Autowired
	DemoData demo;

	@Autowired
	DemoImages images;

	@Autowired
	Studies studies;

	@Autowired
	ArchiveIngestion ingestion;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	WebFixture web;

	@Autowired
	JsonMapper json;

	@BeforeAll
	static void loaded(@Autowired DemoData demo) {
		demo.load();
	}

	@Test
	void showsTheDemoPatientTheThumbnailsOfHisStudyMadeThroughTheChangeFeed() throws Exception {
		StudyId knee = studies.findIdByUid(DemoData.PATIENT_STUDY_UID).orElseThrow();
		assertThat(images.wanted()).startsWith(knee);
		images.fill(List.of(knee));
		arrived(DemoData.PATIENT_STUDY_UID);
		Study study = studies.find(knee).orElseThrow();
		assertThat(study.seriesCount()).isEqualTo(3);
		assertThat(study.instanceCount()).isEqualTo(34);

		MockMvc mvc = web.withRequestContext();
		MockHttpSession session = patientSession(mvc);
		String page = mvc.perform(get("/patient/studies/" + knee).session(session))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("/dicomweb/studies/" + DemoData.PATIENT_STUDY_UID + "/series/"
				+ DemoData.PATIENT_STUDY_UID + ".1/thumbnail");
		var thumbnail = mvc
			.perform(get("/dicomweb/studies/{study}/series/{series}/thumbnail", DemoData.PATIENT_STUDY_UID,
					DemoData.PATIENT_STUDY_UID + ".2")
				.session(session))
			.andReturn()
			.getResponse();
		assertThat(thumbnail.getStatus()).isEqualTo(200);
		assertThat(thumbnail.getContentType()).startsWith("image/jpeg");
		assertThat(thumbnail.getContentAsByteArray().length).isGreaterThan(500);

		StudyId other = images.wanted().get(1);
		String otherUid = studies.find(other).orElseThrow().studyInstanceUid();
		assertThat(mvc.perform(get("/dicomweb/studies/{study}/series", otherUid).session(session))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(404);
		assertThat(mvc.perform(get("/patient/studies/" + other).session(session)).andReturn().getResponse().getStatus())
			.isEqualTo(404);
	}

	@Test
	void makesACtAs16BitSlicesWithRescaleAndWindowPresetsAndOnlyOnce() {
		Study ct = images.wanted()
			.stream()
			.map(id -> studies.find(id).orElseThrow())
			.filter(s -> "CT".equals(s.modality()))
			.findFirst()
			.orElseThrow();
		assertThat(images.fill(List.of(ct.id()))).isEqualTo(1);
		String archiveId = ARCHIVE.awaitStable(ct.studyInstanceUid());
		JsonNode instances = ARCHIVE.get("/studies/" + archiveId + "/instances");
		assertThat(instances.size()).isEqualTo(12);
		JsonNode tags = ARCHIVE.get("/instances/" + instances.get(0).path("ID").asString() + "/simplified-tags");
		assertThat(tags.path("StudyInstanceUID").asString()).isEqualTo(ct.studyInstanceUid());
		assertThat(tags.path("PatientID").asString()).isEqualTo(ct.patient().patientId());
		assertThat(tags.path("PatientName").asString()).isEqualTo(ct.patient().name());
		assertThat(tags.path("AccessionNumber").asString()).isEqualTo(ct.accessionNumber());
		assertThat(tags.path("BitsAllocated").asString()).isEqualTo("16");
		assertThat(tags.path("RescaleIntercept").asString()).isEqualTo("-1024");
		assertThat(tags.path("RescaleSlope").asString()).isEqualTo("1");
		assertThat(tags.path("WindowCenter").asString()).isEqualTo("40\\-600\\400");
		assertThat(tags.path("WindowWidth").asString()).isEqualTo("400\\1500\\1800");

		assertThat(images.fill(List.of(ct.id()))).isZero();
		assertThat(ARCHIVE.get("/studies/" + archiveId + "/instances").size()).isEqualTo(12);
	}

	private MockHttpSession patientSession(MockMvc mvc) throws Exception {
		MockHttpSession session = new MockHttpSession();
		int status = mvc.perform(post("/patient/api/login").contentType(MediaType.APPLICATION_JSON)
			.content(json.writeValueAsString(Map.of("referenceNumber", DemoData.PATIENT_CODE, "birthDate",
					DemoData.PATIENT_BIRTH_DATE.toString())))
			.with(request -> {
				request.setRemoteAddr("10.54.18.1");
				return request;
			})
			.session(session)).andReturn().getResponse().getStatus();
		assertThat(status).isEqualTo(200);
		return session;
	}

	/** Polls the change feed until the study's arrival is recorded. */
	private void arrived(String studyInstanceUid) {
		ARCHIVE.awaitStable(studyInstanceUid);
		await("study " + studyInstanceUid + " arrived").atMost(Duration.ofSeconds(60))
			.pollDelay(Duration.ZERO)
			.pollInterval(Duration.ofMillis(200))
			.until(() -> {
				ingestion.poll();
				return jdbc
					.sql("select count(*) from study.study where study_instance_uid = :uid and arrived_at is not null")
					.param("uid", studyInstanceUid)
					.query(Integer.class)
					.single() > 0;
			});
	}

}
