package org.studygate.archive;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.studygate.Fixtures;
import org.studygate.department.ArchiveMatching;
import org.studygate.department.Department;
import org.studygate.directory.Actor;
import org.studygate.study.Registrations;
import org.studygate.study.Studies;
import org.studygate.study.Study;
import org.studygate.study.StudyId;
import org.studygate.study.StudyRegistration;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Studies arriving in a real Orthanc are registered, matched, counted and announced once.
 */
class ArchiveIngestionTests extends ArchiveTestSupport {

	@Autowired
	Studies studies;

	@Autowired
	Registrations registrations;

	@Autowired
	ArchiveProperties properties;

	@Autowired
	OrthancChanges changes;

	@Autowired
	DepartmentMatcher matcher;

	@Autowired
	ArchiveStore store;

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	ApplicationEventPublisher events;

	@Test
	void registersAStudySentByAModalityOfTheDepartmentWithItsPatientAndCounts() {
		String aet = aeTitle();
		Department department = departmentSending(aet);
		DicomFiles.Spec spec = DicomFiles.Spec
			.of("ACC" + (Fixtures.unique() + "00000000").substring(0, 8), "Janssens^Marie")
			.size(2, 3);

		arrive(spec, aet);

		Study study = studies.find(studies.findIdByUid(spec.studyInstanceUid()).orElseThrow()).orElseThrow();
		assertThat(study.departmentId()).isEqualTo(department.id().value());
		assertThat(study.accessionNumber()).isEqualTo(spec.accession());
		assertThat(study.modality()).isEqualTo("CT");
		assertThat(study.description()).isEqualTo("CT thorax");
		assertThat(study.seriesCount()).isEqualTo(2);
		assertThat(study.instanceCount()).isEqualTo(6);
		assertThat(study.studyDate()).isEqualTo(LocalDate.of(2025, 3, 14));
		assertThat(study.patient().patientId()).isEqualTo(spec.patientId());
		assertThat(study.patient().name()).isEqualTo("Janssens^Marie");
		assertThat(study.patient().birthDate()).isEqualTo(LocalDate.of(1970, 5, 17));
		assertThat(studies.arrivedAt(study.id())).isPresent();
		assertThat(auditCount(study.id().value(), "STUDY_ARRIVED")).isEqualTo(1);
		assertThat(auditCount(study.id().value(), "STUDY_REGISTERED")).isEqualTo(1);
	}

	@Test
	void matchesTheDepartmentByInstitutionNameWhenNoAeTitleIsKnown() {
		Department department = fixtures.department("Radiology by name");
		String institution = "Sint-Jan " + Fixtures.unique();
		departments.changeSettings(Actor.systemOperator("test"), department.code().value(),
				settings -> settings.withArchive(new ArchiveMatching(List.of(), List.of(institution.toLowerCase()))));
		DicomFiles.Spec spec = DicomFiles.Spec.of("ACC1", "Peeters^Ann").institution(institution).size(1, 1);

		ARCHIVE.upload(DicomFiles.make(spec));
		ARCHIVE.awaitStable(spec.studyInstanceUid());
		pollUntilIngested(spec.studyInstanceUid());

		Study study = studies.find(studies.findIdByUid(spec.studyInstanceUid()).orElseThrow()).orElseThrow();
		assertThat(study.departmentId()).isEqualTo(department.id().value());
	}

	@Test
	void keepsAStudyNoDepartmentMatchesAsUnmatchedWithoutRegisteringIt() {
		DicomFiles.Spec spec = DicomFiles.Spec.of("ACC2", "Nobody^Known")
			.institution("Unknown " + Fixtures.unique())
			.size(1, 1);

		ARCHIVE.send(aeTitle(), DicomFiles.make(spec));
		ARCHIVE.awaitStable(spec.studyInstanceUid());
		pollUntilIngested(spec.studyInstanceUid());

		assertThat(studies.findIdByUid(spec.studyInstanceUid())).isEmpty();
		assertThat(ingestion.unmatchedReasons(spec.studyInstanceUid())).singleElement()
			.asString()
			.contains("no department");
	}

	@Test
	void registersAStudyWithoutBirthDateWithTheBirthDateUnknown() {
		String aet = aeTitle();
		departmentSending(aet);
		DicomFiles.Spec spec = DicomFiles.Spec.of("ACC3", "Without^Birthdate").birthDate(null).size(1, 1);

		arrive(spec, aet);

		Study study = studies.find(studies.findIdByUid(spec.studyInstanceUid()).orElseThrow()).orElseThrow();
		assertThat(study.patient().birthDate()).isNull();
		assertThat(ingestion.unmatchedReasons(spec.studyInstanceUid())).isEmpty();
	}

	@Test
	void joinsTheOrderOfItsAccessionNumberSoThatTheRequesterMayListIt() {
		String aet = aeTitle();
		Department department = departmentSending(aet);
		String requester = Fixtures.physicianNumber();
		String accession = ("X" + Fixtures.unique() + "000000").substring(0, 10);
		registrations.register(Actor.systemOperator("ris"),
				new StudyRegistration(DicomFiles.uid(), "EARLIER", department.code().value(), LocalDate.of(2025, 3, 1),
						null, "CR", "Earlier study", 0, 0,
						new StudyRegistration.PatientData("PX" + Fixtures.unique(), "Order^Patient",
								LocalDate.of(1960, 1, 1), null, null, null, null),
						new StudyRegistration.OrderData(accession, requester, List.of())));
		DicomFiles.Spec spec = DicomFiles.Spec.of(accession, "Order^Patient").size(1, 2);

		arrive(spec, aet);

		Study study = studies.find(studies.findIdByUid(spec.studyInstanceUid()).orElseThrow()).orElseThrow();
		assertThat(study.order()).isNotNull();
		assertThat(study.order().orderNumber()).isEqualTo(accession);
		assertThat(study.requesterNumber()).isEqualTo(requester);
	}

	@Test
	void bringsAStudyRegisteredByTheRisUpToDateAndAnnouncesItsArrivalOnlyOnce() {
		String aet = aeTitle();
		Department department = departmentSending(aet);
		DicomFiles.Spec spec = DicomFiles.Spec.of("RIS" + (Fixtures.unique() + "000000").substring(0, 6), "Ris^First")
			.size(1, 2);
		StudyId id = registrations
			.register(Actor.systemOperator("ris"),
					new StudyRegistration(spec.studyInstanceUid(), spec.accession(), department.code().value(),
							LocalDate.of(2025, 3, 14), null, "CT", "Ordered CT", 0, 0,
							new StudyRegistration.PatientData(spec.patientId(), "Ris^First", LocalDate.of(1970, 5, 17),
									"F", null, null, null),
							null))
			.id();

		arrive(spec, aet);
		assertThat(studies.find(id).orElseThrow().instanceCount()).isEqualTo(2);

		DicomFiles.Spec more = new DicomFiles.Spec(spec.studyInstanceUid(), spec.accession(), spec.patientId(),
				spec.patientName(), spec.birthDate(), null, spec.description(), "CT", 2, 2);
		ARCHIVE.send(aet, DicomFiles.make(more).subList(2, 4));
		await("the second series ingested").atMost(Duration.ofSeconds(60))
			.pollDelay(Duration.ZERO)
			.pollInterval(Duration.ofMillis(100))
			.until(() -> {
				ingestion.poll();
				return studies.find(id).orElseThrow().seriesCount() == 2;
			});

		Study study = studies.find(id).orElseThrow();
		assertThat(study.seriesCount()).isEqualTo(2);
		assertThat(study.instanceCount()).isEqualTo(4);
		assertThat(study.description()).isEqualTo("Ordered CT");
		assertThat(auditCount(id.value(), "STUDY_ARRIVED")).isEqualTo(1);
		assertThat(auditCount(id.value(), "STUDY_REGISTERED")).isEqualTo(1);
	}

	@Test
	void concurrentNotificationsOfOneStudyRegisterItOnceAndAnnounceItOnce() throws Exception {
		String aet = aeTitle();
		departmentSending(aet);
		DicomFiles.Spec spec = DicomFiles.Spec
			.of("CON" + (Fixtures.unique() + "000000").substring(0, 6), "Race^Condition")
			.size(1, 2);
		ARCHIVE.send(aet, DicomFiles.make(spec));
		String archiveId = ARCHIVE.awaitStable(spec.studyInstanceUid());

		ExecutorService pool = Executors.newFixedThreadPool(6);
		List<Future<ArchiveIngestion.Outcome>> outcomes = new ArrayList<>();
		try {
			for (int i = 0; i < 6; i++) {
				Callable<ArchiveIngestion.Outcome> task = () -> ingestion.ingestStudy(archiveId);
				outcomes.add(pool.submit(task));
			}
			List<ArchiveIngestion.Outcome> results = new ArrayList<>();
			for (Future<ArchiveIngestion.Outcome> outcome : outcomes) {
				results.add(outcome.get());
			}
			assertThat(results).containsOnly(ArchiveIngestion.Outcome.REGISTERED, ArchiveIngestion.Outcome.UPDATED);
			assertThat(results).filteredOn(r -> r == ArchiveIngestion.Outcome.REGISTERED).hasSize(1);
		}
		finally {
			pool.shutdownNow();
		}
		StudyId id = studies.findIdByUid(spec.studyInstanceUid()).orElseThrow();
		assertThat(jdbc.sql("select count(*) from study.study where study_instance_uid = :uid")
			.param("uid", spec.studyInstanceUid())
			.query(Integer.class)
			.single()).isEqualTo(1);
		assertThat(auditCount(id.value(), "STUDY_ARRIVED")).isEqualTo(1);
		assertThat(auditCount(id.value(), "STUDY_REGISTERED")).isEqualTo(1);
	}

	@Test
	void resumesAfterARestartFromTheLastChangeProcessed() {
		String aet = aeTitle();
		departmentSending(aet);
		arrive(DicomFiles.Spec.of("RES1", "Resume^One").size(1, 1), aet);
		ingestion.poll();
		long processed = ingestion.lastChange();
		assertThat(processed).isEqualTo(ARCHIVE.get("/changes?last").path("Last").asLong());

		ArchiveIngestion restarted = new ArchiveIngestion(properties, changes, matcher, studies, registrations, store,
				transactions, events, fixtures.clock());
		assertThat(restarted.lastChange()).isEqualTo(processed);
		assertThat(restarted.poll()).isZero();

		DicomFiles.Spec next = DicomFiles.Spec.of("RES2", "Resume^Two").size(1, 1);
		ARCHIVE.send(aet, DicomFiles.make(next));
		ARCHIVE.awaitStable(next.studyInstanceUid());
		AtomicInteger polled = new AtomicInteger();
		await("the next study ingested after the restart").atMost(Duration.ofSeconds(60))
			.pollDelay(Duration.ZERO)
			.pollInterval(Duration.ofMillis(100))
			.until(() -> {
				polled.addAndGet(restarted.poll());
				return studies.findIdByUid(next.studyInstanceUid()).isPresent();
			});
		int found = polled.get();
		assertThat(studies.findIdByUid(next.studyInstanceUid())).isPresent();
		assertThat(found).isGreaterThanOrEqualTo(1);
		assertThat(restarted.lastChange()).isGreaterThan(processed);
	}

	@Test
	void backsOffWhileTheArchiveIsDownAndCatchesUpWhenItIsBack() {
		String aet = aeTitle();
		departmentSending(aet);
		ARCHIVE.stop();
		try {
			assertThatThrownBy(() -> ingestion.poll()).isInstanceOf(ArchiveUnavailableException.class);
			assertThatThrownBy(() -> ingestion.poll()).isInstanceOf(ArchiveUnavailableException.class);
			assertThat(ingestion.status().failures()).isEqualTo(2);
			assertThat(ingestion.status().nextAttempt()).isAfter(fixtures.clock().instant());
			assertThat(ingestion.backoff(1)).isEqualTo(Duration.ofSeconds(1));
			assertThat(ingestion.backoff(3)).isEqualTo(Duration.ofSeconds(4));
			assertThat(ingestion.backoff(10)).isEqualTo(Duration.ofSeconds(8));
		}
		finally {
			ARCHIVE.start();
		}
		DicomFiles.Spec spec = DicomFiles.Spec.of("BACK", "Back^Again").size(1, 1);
		arrive(spec, aet);
		assertThat(studies.findIdByUid(spec.studyInstanceUid())).isPresent();
		assertThat(ingestion.status().failures()).isZero();
	}

}
