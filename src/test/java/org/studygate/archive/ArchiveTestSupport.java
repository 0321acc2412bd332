package org.studygate.archive;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.studygate.Fixtures;
import org.studygate.WebFixture;
import org.studygate.department.ArchiveMatching;
import org.studygate.department.Department;
import org.studygate.department.Departments;
import org.studygate.directory.Actor;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.awaitility.Awaitility.await;

/**
 * The application on a random port with the run's shared Orthanc as its archive.
 * Scheduled ingestion is off: tests poll themselves, so that they know when a study
 * arrived.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
abstract class ArchiveTestSupport {

	static final Orthanc ARCHIVE = Orthanc.shared();

	static final String VIEWER = "https://viewer.example/viewer?StudyInstanceUIDs={studyInstanceUid}";

	@DynamicPropertySource
	static void archive(DynamicPropertyRegistry registry) {
		registry.add("studygate.archive.url", ARCHIVE::dicomWebUrl);
		registry.add("studygate.archive.poll-interval", () -> "PT1S");
		registry.add("studygate.archive.poll-initial-delay", () -> "PT1000H");
		registry.add("studygate.archive.max-backoff", () -> "PT8S");
		registry.add("studygate.archive.timeout", () -> "PT5S");
		registry.add("studygate.archive.viewer-url", () -> VIEWER);
	}

	@Autowired
	WebFixture web;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Departments departments;

	@Autowired
	ArchiveIngestion ingestion;

	@Autowired
	JdbcClient jdbc;

	@LocalServerPort
	int port;

	MockMvc mvc;

	@BeforeEach
	void setUpMockMvc() {
		// the request filter that binds the access log's channel, as the server runs it
		mvc = web.withRequestContext();
	}

	/** A department whose modalities send with this AE title. */
	Department departmentSending(String aeTitle) {
		Department department = fixtures.department("Radiology " + aeTitle);
		departments.changeSettings(Actor.systemOperator("test"), department.code().value(),
				settings -> settings.withArchive(new ArchiveMatching(List.of(aeTitle), List.of())));
		return department;
	}

	/** A fresh AE title for one test. */
	static String aeTitle() {
		String unique = Fixtures.unique();
		return "M" + unique.substring(Math.max(0, unique.length() - 12));
	}

	/**
	 * The study is sent by a modality of the AE title, becomes stable and is ingested.
	 */
	String arrive(DicomFiles.Spec spec, String aeTitle) {
		List<Path> files = DicomFiles.make(spec);
		ARCHIVE.send(aeTitle, files);
		ARCHIVE.awaitStable(spec.studyInstanceUid());
		pollUntilIngested(spec.studyInstanceUid());
		return spec.studyInstanceUid();
	}

	/**
	 * Polls until the study's StableStudy change was processed (another poll may be
	 * running).
	 */
	void pollUntilIngested(String studyInstanceUid) {
		await("study " + studyInstanceUid + " ingested").atMost(Duration.ofSeconds(60))
			.pollDelay(Duration.ZERO)
			.pollInterval(Duration.ofMillis(200))
			.until(() -> {
				ingestion.poll();
				return jdbc
					.sql("""
							select count(*) from (select 1 from study.study where study_instance_uid = :uid and arrived_at is not null
							union all select 1 from archive.unmatched_study where study_instance_uid = :uid) x
							""")
					.param("uid", studyInstanceUid)
					.query(Integer.class)
					.single() > 0;
			});
	}

	int auditCount(java.util.UUID studyId, String action) {
		return jdbc.sql("select count(*) from audit.entry where study_id = :study and action = :action")
			.param("study", studyId)
			.param("action", action)
			.query(Integer.class)
			.single();
	}

}
