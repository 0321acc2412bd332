package org.studygate.demo;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.studygate.Fixtures;
import org.studygate.WebFixture;
import org.studygate.access.AccessControl;
import org.studygate.access.Action;
import org.studygate.archive.ArchiveIngestion;
import org.studygate.archive.Orthanc;
import org.studygate.directory.Directory;
import org.studygate.directory.UserId;
import org.studygate.directory.Users;
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
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The demo loader's images, made in the run's shared Orthanc as bin/run makes them in its
 * local one: they arrive through the change feed, the demo patient sees the thumbnails of
 * his MR knee and no other study's, and a CT carries 16-bit slices with its rescale and
 * window presets, which the built-in viewer offers and the gateway renders (a bad window
 * refused, an outsider not found).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
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

	@Autowired
	Fixtures fixtures;

	@Autowired
	Users users;

	@Autowired
	Directory directory;

	@Autowired
	AccessControl access;

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

	/** After the test that makes the CT for the first time. */
	@Test
	@Order(Integer.MAX_VALUE)
	void theBuiltInViewerOffersTheCtsWindowPresetsAndTheGatewayRendersEachAndRefusesABadWindow() throws Exception {
		Study ct = images.wanted()
			.stream()
			.map(id -> studies.find(id).orElseThrow())
			.filter(s -> "CT".equals(s.modality()))
			.findFirst()
			.orElseThrow();
		images.fill(List.of(ct.id()));
		arrived(ct.studyInstanceUid());
		UserId reader = demo.accounts()
			.stream()
			.map(account -> users.findByUsername(account.username()).orElseThrow().id())
			.filter(user -> access.decide(directory.actorOf(user).orElseThrow(), ct, Action.VIEW_IMAGES).isPermitted())
			.findFirst()
			.orElseThrow();
		MockMvc mvc = web.mvc();
		String page = mvc.perform(get("/studies/" + ct.id()).with(authentication(fixtures.signedIn(reader))))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("class=\"window-presets\"", ">Default</a>", "data-window=\"40,400,linear\"",
				"data-window=\"-600,1500,linear\"", "data-window=\"400,1800,linear\"",
				"rendered?window=-600,1500,linear");
		java.util.regex.Matcher link = java.util.regex.Pattern.compile(
				"href=\"(/dicomweb/studies/[0-9.]+/series/[0-9.]+/instances/[0-9.]+/rendered)\\?window=-600,1500,linear\"")
			.matcher(page);
		assertThat(link.find()).isTrue();
		String rendered = link.group(1);

		byte[] lung = renderedImage(mvc, reader, rendered + "?window=-600,1500,linear");
		byte[] bone = renderedImage(mvc, reader, rendered + "?window=400,1800,linear");
		byte[] soft = renderedImage(mvc, reader, rendered + "?window=40,400");
		assertThat(lung).isNotEqualTo(bone);
		assertThat(soft).isNotEqualTo(lung).isNotEqualTo(bone);

		for (String bad : List.of("?window=abc,400", "?window=40", "?window=40,0", "?window=40,400,cubic",
				"?window=9999999,400", "?window=40,400&window=-600,1500", "?window=40,400%3Bdrop")) {
			var refused = mvc.perform(get(rendered + bad).with(authentication(fixtures.signedIn(reader))))
				.andReturn()
				.getResponse();
			assertThat(refused.getStatus()).as(bad).isEqualTo(400);
			assertThat(refused.getContentAsString()).as(bad).contains("Invalid window").doesNotContain("Exception");
		}

		UserId outsider = fixtures.physician("Outsider " + Fixtures.unique(), Fixtures.physicianNumber());
		assertThat(mvc
			.perform(get(rendered + "?window=-600,1500,linear").with(authentication(fixtures.signedIn(outsider))))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(404);
		assertThat(mvc.perform(get(rendered + "?window=abc").with(authentication(fixtures.signedIn(outsider))))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(404);
	}

	private byte[] renderedImage(MockMvc mvc, UserId user, String url) throws Exception {
		var response = mvc.perform(get(url).header("Accept", "image/png").with(authentication(fixtures.signedIn(user))))
			.andReturn()
			.getResponse();
		assertThat(response.getStatus()).as(url).isEqualTo(200);
		assertThat(response.getContentType()).as(url).startsWith("image/png");
		return response.getContentAsByteArray();
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
