package org.studygate.rsw;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.studygate.Fixtures;
import org.studygate.StudygateTest;
import org.studygate.department.Department;
import org.studygate.department.Departments;
import org.studygate.department.RswPublishing;
import org.studygate.department.setup.DepartmentSetup;
import org.studygate.directory.Actor;
import org.studygate.study.Registrations;
import org.studygate.study.Studies;
import org.studygate.study.StudyId;
import org.studygate.study.StudyRegistration;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The RSW sender at shutdown (decision 046): a send under way is answered and recorded
 * before the worker stops, nothing is claimed after, and a send that outlasts the wait is
 * given back due at once rather than left to its lease. A worker of its own on the
 * context's beans, against WireMock answering slowly.
 */
@StudygateTest
class PublicationShutdownTests {

	static WireMockServer network;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Departments departments;

	@Autowired
	DepartmentSetup setup;

	@Autowired
	Studies studies;

	@Autowired
	Registrations registrations;

	@Autowired
	RegionalPublisher publisher;

	@Autowired
	PublicationWorker worker;

	@Autowired
	SubmissionStore store;

	@Autowired
	RegionalNetwork regionalNetwork;

	@Autowired
	RswProperties properties;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	JdbcClient jdbc;

	Department department;

	String path;

	Instant now;

	@BeforeAll
	static void startNetwork() {
		network = new WireMockServer(wireMockConfig().dynamicPort());
		network.start();
	}

	@AfterAll
	static void stopNetwork() {
		network.stop();
	}

	@BeforeEach
	void setUp() {
		department = fixtures.department("Radiology RSW shutdown");
		path = "/fhir/" + Fixtures.unique();
		setup.updateSettings(department.id(),
				department.settings().withRsw(new RswPublishing(true, network.baseUrl() + path, null, null)));
		now = fixtures.clock().instant().plusSeconds(2).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
	}

	@AfterEach
	void tearDown() {
		jdbc.sql("delete from rsw.submission where department_id = :d").param("d", department.id().value()).update();
	}

	@Test
	void aSendUnderWayIsAnsweredAndRecordedBeforeTheWorkerStopsAndNothingIsClaimedAfter() throws Exception {
		acceptAfter(Duration.ofMillis(1500));
		StudyId first = queuedStudy();
		StudyId second = queuedStudy();
		PublicationWorker stopping = newWorker();

		CompletableFuture<Boolean> send = CompletableFuture.supplyAsync(() -> stopping.sendOne(now));
		awaitSending();
		stopping.stop();

		// read before the sending thread is joined: the stop returned only once the
		// answer was recorded
		SubmissionState firstState = store.find(first.value()).orElseThrow().state();
		SubmissionState secondState = store.find(second.value()).orElseThrow().state();
		assertThat(java.util.List.of(firstState, secondState)).as("the stop waited for the send under way")
			.containsExactlyInAnyOrder(SubmissionState.SENT, SubmissionState.QUEUED);
		assertThat(send.get()).isTrue();
		assertThat(stopping.isRunning()).isFalse();
		assertThat(stopping.sendOne(now)).as("a stopped worker claims nothing").isFalse();
		assertThat(network.findAll(postRequestedFor(urlEqualTo(path)))).hasSize(1);
	}

	@Test
	void aSendThatOutlastsTheWaitIsGivenBackDueAtOnce() throws Exception {
		acceptAfter(Duration.ofMillis(2000));
		StudyId study = queuedStudy();
		PublicationWorker stopping = newWorker();
		stopping.safePointWait = Duration.ofMillis(200);

		CompletableFuture<Boolean> send = CompletableFuture.supplyAsync(() -> stopping.sendOne(now));
		awaitSending();
		stopping.stop();

		SubmissionStore.Row given = store.find(study.value()).orElseThrow();
		assertThat(given.state()).isEqualTo(SubmissionState.QUEUED);
		assertThat(given.leaseToken()).isNull();
		assertThat(given.attempts()).as("the interrupted attempt is not counted").isZero();
		assertThat(given.nextAttemptAt()).isBeforeOrEqualTo(fixtures.clock().instant());
		assertThat(send.get()).isTrue();
		assertThat(store.find(study.value()).orElseThrow().state())
			.as("the late answer found its lease gone and recorded nothing")
			.isEqualTo(SubmissionState.QUEUED);

		worker.sendDue(now);

		SubmissionStore.Row sent = store.find(study.value()).orElseThrow();
		assertThat(sent.state()).as("another worker sends it at once, not after the lease")
			.isEqualTo(SubmissionState.SENT);
		assertThat(network.findAll(postRequestedFor(urlEqualTo(path)))).hasSize(2);
	}

	@Test
	void aWorkerStartedAgainAfterAStopSendsAgain() {
		acceptAfter(Duration.ZERO);
		StudyId study = queuedStudy();
		PublicationWorker restarted = newWorker();
		restarted.stop();
		assertThat(restarted.sendOne(now)).as("a stopped worker claims nothing").isFalse();

		restarted.start();

		assertThat(restarted.isRunning()).isTrue();
		assertThat(restarted.sendOne(now)).isTrue();
		assertThat(store.find(study.value()).orElseThrow().state()).isEqualTo(SubmissionState.SENT);
	}

	private PublicationWorker newWorker() {
		PublicationWorker stopping = new PublicationWorker(store, regionalNetwork, publisher, studies, departments,
				properties, events, transactions, fixtures.clock());
		stopping.start();
		return stopping;
	}

	private void awaitSending() {
		await("a send under way").atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> jdbc.sql("select count(*) from rsw.submission where department_id = :d and state = 'SENDING'")
				.param("d", department.id().value())
				.query(Integer.class)
				.single() == 1);
	}

	private void acceptAfter(Duration delay) {
		network.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(200)
			.withFixedDelay((int) delay.toMillis())
			.withHeader("Content-Type", "application/fhir+json")
			.withBody(
					"""
							{"resourceType":"Bundle","type":"transaction-response","entry":[
							 {"response":{"status":"201 Created"}},{"response":{"status":"201 Created"}},{"response":{"status":"201 Created"}}]}
							""")));
	}

	private StudyId queuedStudy() {
		String uid = "1.2.826.0.2." + Math.abs(UUID.randomUUID().getMostSignificantBits());
		StudyRegistration registration = new StudyRegistration(uid,
				"S" + (Fixtures.unique() + "0000000").substring(0, 8), department.code().value(),
				LocalDate.of(2026, 3, 2), LocalTime.of(9, 30), "CT", "CT thorax", 2, 120,
				new StudyRegistration.PatientData("PAT" + Fixtures.unique(), "Janssens^Els", LocalDate.of(1985, 7, 30),
						"F", "85073003328", null, null),
				null);
		StudyId id = registrations.register(Actor.systemOperator("fixtures"), registration).id();
		assertThat(publisher.queueOnArrival(id, department.id())).isTrue();
		// other tests of the run may leave submissions due: ours are made the longest
		// due,
		// so that a claim takes them first
		jdbc.sql("update rsw.submission set next_attempt_at = :past where study_id = :study")
			.param("past", java.sql.Timestamp.from(Instant.parse("2000-01-01T00:00:00Z")))
			.param("study", id.value())
			.update();
		return id;
	}

}
