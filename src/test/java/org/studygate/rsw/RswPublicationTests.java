package org.studygate.rsw;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ValidationResult;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Endpoint;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.hl7.fhir.r4.model.ListResource;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.studygate.Fixtures;
import org.studygate.StudygateProperties;
import org.studygate.StudygateTest;
import org.studygate.WebFixture;
import org.studygate.department.Department;
import org.studygate.department.Departments;
import org.studygate.department.RswPublishing;
import org.studygate.department.setup.DepartmentSetup;
import org.studygate.directory.Actor;
import org.studygate.directory.UserId;
import org.studygate.study.Registrations;
import org.studygate.study.Studies;
import org.studygate.study.Study;
import org.studygate.study.StudyId;
import org.studygate.study.StudyRegistration;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Publication to the regional health network against WireMock playing the network's MHD
 * Document Recipient: accepted at once; 500 then accepted; a timeout; refused for good
 * with 400; the application stopping mid-send, after which the document is accepted
 * exactly once; a re-send that replaces the accepted document; the Bundle valid against
 * the FHIR R4 schema and shaped as IHE MHD ITI-65 demands; every send logged as a
 * disclosure.
 */
@StudygateTest
class RswPublicationTests {

	static final FhirContext FHIR = FhirContext.forR4Cached();

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
	MhdDocumentRecipient mhd;

	@Autowired
	RswProperties properties;

	@Autowired
	StudygateProperties instance;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	JdbcClient jdbc;

	Department department;

	String path;

	StudyId study;

	Instant now;

	Actor desk;

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
		department = fixtures.department("Radiology RSW");
		path = "/fhir/" + Fixtures.unique();
		setup.updateSettings(department.id(),
				department.settings().withRsw(new RswPublishing(true, network.baseUrl() + path, null, null)));
		study = studyWithNationalId(department, "85073003328");
		desk = fixtures.actor(fixtures.serviceDesk("RSW desk"));
		now = fixtures.clock().instant().plusSeconds(2).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
	}

	/** Leaves no due submission behind for the next test's worker run. */
	@org.junit.jupiter.api.AfterEach
	void tearDown() {
		jdbc.sql("delete from rsw.submission where department_id = :d").param("d", department.id().value()).update();
	}

	@Test
	void aStudyWhoseImagesArriveIsSentOnceAndTheNetworkAcceptsIt() {
		answer(200, transactionResponse("201 Created"));

		assertThat(publisher.queueOnArrival(study, department.id())).isTrue();
		assertThat(publisher.queueOnArrival(study, department.id())).as("queued once per study").isFalse();
		assertThat(status().state()).isEqualTo(SubmissionState.QUEUED);
		worker.sendDue(now);

		RswStatus status = status();
		assertThat(status.state()).isEqualTo(SubmissionState.SENT);
		assertThat(status.attempts()).isEqualTo(1);
		assertThat(status.lastError()).isNull();
		assertThat(status.lastAttemptAt()).isEqualTo(now);
		assertThat(requests()).hasSize(1);
		assertThat(requests().get(0).getHeader("Content-Type")).startsWith("application/fhir+json");
		worker.sendDue(now.plusSeconds(3600));
		assertThat(requests()).as("a sent study is not sent again").hasSize(1);
		assertThat(audit("RSW_SEND")).containsExactly("SUCCESS");
		assertThat(audit("RSW_SENT")).containsExactly("SUCCESS");
	}

	@Test
	void aServerErrorIsRetriedWithBackoffWithTheSameDocumentUntilAccepted() {
		network.stubFor(post(urlEqualTo(path)).inScenario(path)
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(500))
			.willSetStateTo("up"));
		network.stubFor(post(urlEqualTo(path)).inScenario(path)
			.whenScenarioStateIs("up")
			.willReturn(fhirJson(200, transactionResponse("201 Created"))));
		publisher.queueOnArrival(study, department.id());

		worker.sendDue(now);
		RswStatus retrying = status();
		assertThat(retrying.state()).isEqualTo(SubmissionState.QUEUED);
		assertThat(retrying.attempts()).isEqualTo(1);
		assertThat(retrying.lastError()).isEqualTo("HTTP 500");
		assertThat(store.find(study.value()).orElseThrow().nextAttemptAt())
			.isEqualTo(now.plus(properties.backoffBase()));

		worker.sendDue(now.plusSeconds(5));
		assertThat(requests()).as("not before the backoff has passed").hasSize(1);

		worker.sendDue(now.plus(properties.backoffBase()).plusSeconds(1));
		RswStatus sent = status();
		assertThat(sent.state()).isEqualTo(SubmissionState.SENT);
		assertThat(sent.attempts()).isEqualTo(2);
		assertThat(sent.lastError()).isNull();
		assertThat(sent.documentId()).isEqualTo(retrying.documentId());
		List<LoggedRequest> requests = requests();
		assertThat(requests).hasSize(2);
		assertThat(requests.get(1).getBodyAsString()).as("the retry sends the very same Bundle")
			.isEqualTo(requests.get(0).getBodyAsString());
		assertThat(audit("RSW_SENT")).containsExactlyInAnyOrder("FAILURE", "SUCCESS");
	}

	@Test
	void theArrivalOfTheImagesQueuesTheStudyAfterCommit() throws InterruptedException {
		Study registered = studies.find(study).orElseThrow();
		new org.springframework.transaction.support.TransactionTemplate(transactions)
			.executeWithoutResult(tx -> events.publishEvent(new org.studygate.archive.StudyArrived(now,
					Actor.system("archive ingestion").asAuditActor(), study, registered.studyInstanceUid(),
					department.id().value(), registered.accessionNumber(), 2, 120, false)));

		await().atMost(Duration.ofSeconds(60)).until(() -> store.find(study.value()).isPresent());
		assertThat(status().state()).isEqualTo(SubmissionState.QUEUED);
		assertThat(store.find(study.value()).orElseThrow().requestedBy()).isEqualTo("regional network publisher");
	}

	@Test
	void backoffDoublesUpToItsMaximum() {
		assertThat(properties.backoff(1)).isEqualTo(properties.backoffBase());
		assertThat(properties.backoff(2)).isEqualTo(properties.backoffBase().multipliedBy(2));
		assertThat(properties.backoff(4)).isEqualTo(properties.backoffBase().multipliedBy(8));
		assertThat(properties.backoff(60)).isEqualTo(properties.backoffMax());
	}

	@Test
	void aTimeoutIsRetriedLater() {
		network.stubFor(post(urlEqualTo(path))
			.willReturn(fhirJson(200, transactionResponse("201 Created")).withFixedDelay(6000)));
		publisher.queueOnArrival(study, department.id());

		worker.sendDue(now);

		RswStatus status = status();
		assertThat(status.state()).isEqualTo(SubmissionState.QUEUED);
		assertThat(status.attempts()).isEqualTo(1);
		assertThat(status.lastError()).startsWith("timeout");
		assertThat(store.find(study.value()).orElseThrow().nextAttemptAt()).isAfter(now);
		assertThat(audit("RSW_SENT")).containsExactly("FAILURE");
	}

	@Test
	void aClientErrorFailsForGoodWithTheNetworksDiagnostics() {
		answer(400, """
				{"resourceType":"OperationOutcome","issue":[{"severity":"error","code":"invalid",
				 "diagnostics":"Unknown patient <script>alert(1)</script>"}]}""");
		publisher.queueOnArrival(study, department.id());

		worker.sendDue(now);
		worker.sendDue(now.plusSeconds(7200));

		RswStatus status = status();
		assertThat(status.state()).isEqualTo(SubmissionState.FAILED);
		assertThat(status.attempts()).isEqualTo(1);
		assertThat(status.lastError()).isEqualTo("HTTP 400: Unknown patient <script>alert(1)</script>");
		assertThat(requests()).as("a refusal is not retried").hasSize(1);
	}

	@Test
	void aSendInterruptedByAStopIsSentAgainAfterRestartAndTheNetworkStoresItOnce() {
		networkThatDeduplicates();
		publisher.queueOnArrival(study, department.id());
		RegionalNetwork dying = (publication, endpoint) -> {
			mhd.submit(publication, endpoint);
			throw new Killed();
		};
		PublicationWorker beforeTheStop = new PublicationWorker(store, dying, publisher, studies, departments,
				properties, events, transactions, fixtures.clock());

		assertThatThrownBy(() -> beforeTheStop.sendOne(now)).isInstanceOf(Killed.class);
		SubmissionStore.Row left = store.find(study.value()).orElseThrow();
		assertThat(left.state()).isEqualTo(SubmissionState.SENDING);
		assertThat(requests()).as("the network saw the first POST").hasSize(1);

		worker.sendDue(now.plusSeconds(5));
		assertThat(requests()).as("not while the stopped worker's lease lasts").hasSize(1);

		worker.sendDue(now.plus(properties.lease()).plusSeconds(1));
		worker.sendDue(now.plus(properties.lease()).plusSeconds(3600));

		RswStatus status = status();
		assertThat(status.state()).isEqualTo(SubmissionState.SENT);
		assertThat(status.documentId()).isEqualTo(left.documentId());
		List<LoggedRequest> requests = requests();
		assertThat(requests).hasSize(2);
		assertThat(requests.get(1).getBodyAsString()).isEqualTo(requests.get(0).getBodyAsString());
		List<String> outcomes = network.getAllServeEvents()
			.stream()
			.filter(e -> e.getRequest().getUrl().equals(path))
			.map(e -> e.getResponse().getBodyAsString())
			.map(body -> FHIR.newJsonParser()
				.parseResource(Bundle.class, body)
				.getEntry()
				.get(1)
				.getResponse()
				.getStatus())
			.toList();
		assertThat(outcomes).as("the network created the document once and recognised the retry")
			.containsExactlyInAnyOrder("201 Created", "200 OK");
	}

	@Test
	void sendingAgainReplacesTheAcceptedDocument() {
		answer(200, transactionResponse("201 Created"));
		publisher.queueOnArrival(study, department.id());
		worker.sendDue(now);
		UUID first = status().documentId();
		UserId admin = fixtures.sourceAdmin(department, "Admin RSW");

		RswStatus queued = publisher.send(fixtures.actor(admin), study);
		assertThat(queued.state()).isEqualTo(SubmissionState.QUEUED);
		assertThat(queued.documentId()).isNotEqualTo(first);
		assertThatThrownBy(() -> publisher.send(fixtures.actor(admin), study)).as("not twice while queued")
			.isInstanceOf(org.studygate.ConflictException.class);
		worker.sendDue(now.plusSeconds(60));

		assertThat(status().state()).isEqualTo(SubmissionState.SENT);
		Bundle second = FHIR.newJsonParser().parseResource(Bundle.class, requests().get(1).getBodyAsString());
		DocumentReference document = resource(second, DocumentReference.class);
		assertThat(document.getMasterIdentifier().getValue()).isEqualTo("urn:uuid:" + queued.documentId());
		assertThat(document.getRelatesTo()).singleElement().satisfies(relates -> {
			assertThat(relates.getCode()).isEqualTo(DocumentReference.DocumentRelationshipType.REPLACES);
			assertThat(relates.getTarget().getIdentifier().getValue()).isEqualTo("urn:uuid:" + first);
		});
		assertThat(jdbc.sql("""
				select actor_name from audit.entry where study_id = :s and action = 'RSW_SEND' order by id
				""").param("s", study.value()).query(String.class).list()).containsExactly("regional network publisher",
				"Admin RSW");
		assertThat(audit("RSW_SENT")).containsExactly("SUCCESS", "SUCCESS");
	}

	@Test
	void aBearerTokenIsReadFromItsVariableAndNeverStoredInTheSettings() {
		System.setProperty("STUDYGATE_RSW_TEST_TOKEN", "token-value-4711");
		try {
			setup.updateSettings(department.id(),
					department.settings()
						.withRsw(new RswPublishing(true, network.baseUrl() + path, RswPublishing.Authentication.BEARER,
								"STUDYGATE_RSW_TEST_TOKEN")));
			answer(200, transactionResponse("201 Created"));
			publisher.queueOnArrival(study, department.id());

			worker.sendDue(now);

			assertThat(status().state()).isEqualTo(SubmissionState.SENT);
			network.verify(
					postRequestedFor(urlEqualTo(path)).withHeader("Authorization", equalTo("Bearer token-value-4711")));
			String stored = jdbc.sql("select settings::text from department.department where id = :id")
				.param("id", department.id().value())
				.query(String.class)
				.single();
			assertThat(stored).contains("STUDYGATE_RSW_TEST_TOKEN").doesNotContain("token-value-4711");
		}
		finally {
			System.clearProperty("STUDYGATE_RSW_TEST_TOKEN");
		}
	}

	@Test
	void aTokenVariableOutsideTheRswPrefixIsRefused() {
		assertThatThrownBy(() -> new RswPublishing(true, "https://rsw.example/fhir",
				RswPublishing.Authentication.BEARER, "STUDYGATE_DB_PASSWORD"))
			.isInstanceOf(org.studygate.InvalidInputException.class);
		assertThatThrownBy(() -> new RswPublishing(true, "file:///etc/passwd", null, null))
			.isInstanceOf(org.studygate.InvalidInputException.class);
		assertThatThrownBy(() -> new RswPublishing(true, null, null, null))
			.isInstanceOf(org.studygate.InvalidInputException.class);
	}

	@Test
	void aPatientWithoutNationalIdentifierIsNotPublishedAndSaysWhy() {
		StudyId anonymous = fixtures.study(department, "Nobody^Known", LocalDate.of(2026, 3, 1), null);
		answer(200, transactionResponse("201 Created"));
		publisher.queueOnArrival(anonymous, department.id());

		worker.sendDue(now);

		RswStatus status = status(anonymous);
		assertThat(status.state()).isEqualTo(SubmissionState.FAILED);
		assertThat(status.lastError()).isEqualTo("the patient has no national identifier");
		assertThat(requests()).isEmpty();
	}

	@Test
	void aDepartmentThatDoesNotPublishQueuesNothing() {
		Department quiet = fixtures.department("Radiology Quiet");
		StudyId other = studyWithNationalId(quiet, "85073003328");

		assertThat(publisher.queueOnArrival(other, quiet.id())).isFalse();
		assertThat(status(other).state()).isEqualTo(SubmissionState.NOT_SENT);
	}

	@Test
	void theBundleIsAValidMhdProvideDocumentBundle() {
		answer(200, transactionResponse("201 Created"));
		publisher.queueOnArrival(study, department.id());
		worker.sendDue(now);
		Study registered = studies.find(study).orElseThrow();
		UUID documentId = status().documentId();

		Bundle bundle = FHIR.newJsonParser().parseResource(Bundle.class, requests().get(0).getBodyAsString());

		FhirValidator validator = FHIR.newValidator();
		validator.setValidateAgainstStandardSchema(true);
		validator.setValidateAgainstStandardSchematron(false);
		ValidationResult result = validator.validateWithResult(bundle);
		assertThat(result.getMessages()).as(result.toString()).isEmpty();
		assertThat(validator.validateWithResult(new DocumentReference()).isSuccessful())
			.as("the schema validator refuses a DocumentReference without its required elements")
			.isFalse();

		String mhd = "https://profiles.ihe.net/ITI/MHD/StructureDefinition/";
		assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.TRANSACTION);
		assertThat(bundle.getMeta().getProfile().get(0).getValue()).isEqualTo(mhd + "IHE.MHD.Minimal.ProvideBundle");
		assertThat(bundle.getEntry()).hasSize(3).allSatisfy(entry -> {
			assertThat(entry.getFullUrl()).startsWith("urn:uuid:");
			assertThat(entry.getRequest().getMethod()).isEqualTo(Bundle.HTTPVerb.POST);
		});

		ListResource set = resource(bundle, ListResource.class);
		assertThat(set.getMeta().getProfile().get(0).getValue()).isEqualTo(mhd + "IHE.MHD.Minimal.SubmissionSet");
		assertThat(set.getCode().getCodingFirstRep().getCode()).isEqualTo("submissionset");
		assertThat(set.getCode().getCodingFirstRep().getSystem())
			.isEqualTo("https://profiles.ihe.net/ITI/MHD/CodeSystem/MHDlistTypes");
		assertThat(set.getStatus()).isEqualTo(ListResource.ListStatus.CURRENT);
		assertThat(set.getMode()).isEqualTo(ListResource.ListMode.WORKING);
		assertThat(set.getExtensionByUrl(mhd + "ihe-sourceId").getValue()).isInstanceOf(Identifier.class);
		assertThat(set.getIdentifier()).extracting(Identifier::getUse)
			.contains(Identifier.IdentifierUse.USUAL, Identifier.IdentifierUse.OFFICIAL);
		assertThat(set.getEntry()).singleElement()
			.satisfies(e -> assertThat(e.getItem().getReference())
				.isEqualTo(entryOf(bundle, DocumentReference.class).getFullUrl()));
		assertThat(nationalId(set.getSubject())).isEqualTo("85073003328");
		assertThat(entryOf(bundle, ListResource.class).getRequest().getUrl()).isEqualTo("List");

		Bundle.BundleEntryComponent documentEntry = entryOf(bundle, DocumentReference.class);
		DocumentReference document = (DocumentReference) documentEntry.getResource();
		assertThat(document.getMeta().getProfile().get(0).getValue())
			.isEqualTo(mhd + "IHE.MHD.Minimal.DocumentReference");
		assertThat(document.getMasterIdentifier().getSystem()).isEqualTo("urn:ietf:rfc:3986");
		assertThat(document.getMasterIdentifier().getValue()).isEqualTo("urn:uuid:" + documentId);
		assertThat(documentEntry.getRequest().getUrl()).isEqualTo("DocumentReference");
		assertThat(documentEntry.getRequest().getIfNoneExist())
			.isEqualTo("identifier=urn:ietf:rfc:3986|urn:uuid:" + documentId);
		assertThat(document.getIdentifierFirstRep().getUse()).isEqualTo(Identifier.IdentifierUse.USUAL);
		assertThat(document.getStatus().toCode()).isEqualTo("current");
		assertThat(document.getType().getCodingFirstRep().getSystem()).isEqualTo("http://loinc.org");
		assertThat(document.getType().getCodingFirstRep().getCode()).isEqualTo("18748-4");
		assertThat(nationalId(document.getSubject())).isEqualTo("85073003328");
		assertThat(document.getSubject().getIdentifier().getSystem()).isEqualTo(properties.patientIdentifierSystem());
		assertThat(document.getContext().getRelated()).anySatisfy(related -> {
			assertThat(related.getIdentifier().getSystem()).isEqualTo("urn:dicom:uid");
			assertThat(related.getIdentifier().getValue()).isEqualTo("urn:oid:" + registered.studyInstanceUid());
		});
		assertThat(document.getContext().getRelated()).anySatisfy(
				related -> assertThat(related.getIdentifier().getValue()).isEqualTo(registered.accessionNumber()));
		Endpoint dicomWeb = (Endpoint) document.getContained().get(0);
		assertThat(dicomWeb.getAddress()).isEqualTo(instance.publicUrl().replaceAll("/+$", "") + "/dicomweb");
		assertThat(dicomWeb.getConnectionType().getCode()).isEqualTo("dicom-wado-rs");
		assertThat(document.getRelatesTo()).as("a first send replaces nothing").isEmpty();
		DocumentReference.DocumentReferenceContentComponent content = document.getContentFirstRep();
		Bundle.BundleEntryComponent binaryEntry = entryOf(bundle, Binary.class);
		assertThat(content.getAttachment().getUrl()).isEqualTo(binaryEntry.getFullUrl());
		assertThat(content.getAttachment().getContentType()).isEqualTo("application/fhir+json");

		Binary binary = (Binary) binaryEntry.getResource();
		ImagingStudy manifest = FHIR.newJsonParser()
			.parseResource(ImagingStudy.class, new String(binary.getData(), java.nio.charset.StandardCharsets.UTF_8));
		assertThat(validator.validateWithResult(manifest).getMessages()).isEmpty();
		assertThat(manifest.getIdentifierFirstRep().getValue()).isEqualTo("urn:oid:" + registered.studyInstanceUid());
		assertThat(manifest.getNumberOfSeries()).isEqualTo(registered.seriesCount());
		assertThat(manifest.getNumberOfInstances()).isEqualTo(registered.instanceCount());
		assertThat(nationalId(manifest.getSubject())).isEqualTo("85073003328");
		assertThat(((Endpoint) manifest.getContained().get(0)).getAddress()).endsWith("/dicomweb");
		assertThat(manifest.getEndpointFirstRep().getReference()).isEqualTo("#dicomweb");
	}

	@Test
	void everySendIsAPrivacyDisclosureInTheFhirExport() throws Exception {
		answer(200, transactionResponse("201 Created"));
		publisher.queueOnArrival(study, department.id());
		worker.sendDue(now);
		UserId admin = fixtures.sourceAdmin(department, "Admin Export");
		org.springframework.test.web.servlet.MockMvc mvc = web.mvc();
		String uid = studies.find(study).orElseThrow().studyInstanceUid();

		String body = mvc
			.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
				.get("/fhir/AuditEvent?entity-identifier=" + uid)
				.header("Authorization", fixtures.bearer(admin)))
			.andReturn()
			.getResponse()
			.getContentAsString();

		Bundle audit = FHIR.newJsonParser().parseResource(Bundle.class, body);
		List<org.hl7.fhir.r4.model.AuditEvent> sends = audit.getEntry()
			.stream()
			.map(e -> (org.hl7.fhir.r4.model.AuditEvent) e.getResource())
			.filter(e -> e.getSubtype().stream().anyMatch(c -> c.getCode().startsWith("RSW_")))
			.toList();
		assertThat(sends).hasSize(2).allSatisfy(event -> {
			assertThat(event.getMeta().getProfile().get(0).getValue())
				.endsWith("IHE.BasicAudit.PrivacyDisclosure.Source");
			assertThat(event.getType().getCode()).isEqualTo("disclose");
		});
	}

	@Autowired
	WebFixture web;

	static class Killed extends Error {

	}

	private void networkThatDeduplicates() {
		// the network's conditional create: the first Bundle with a masterIdentifier
		// creates the
		// document, later ones with the same identifier find it (ifNoneExist) and create
		// nothing
		network.stubFor(post(urlEqualTo(path)).inScenario(path)
			.whenScenarioStateIs(Scenario.STARTED)
			.withRequestBody(matchingJsonPath("$.entry[1].request.ifNoneExist"))
			.willReturn(fhirJson(200, transactionResponse("201 Created")))
			.willSetStateTo("stored"));
		network.stubFor(post(urlEqualTo(path)).inScenario(path)
			.whenScenarioStateIs("stored")
			.withRequestBody(matchingJsonPath("$.entry[1].request.ifNoneExist"))
			.willReturn(fhirJson(200, transactionResponse("200 OK"))));
	}

	private void answer(int status, String body) {
		network.stubFor(post(urlEqualTo(path)).willReturn(fhirJson(status, body)));
	}

	private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder fhirJson(int status, String body) {
		return aResponse().withStatus(status).withHeader("Content-Type", "application/fhir+json").withBody(body);
	}

	private static String transactionResponse(String documentStatus) {
		return """
				{"resourceType":"Bundle","type":"transaction-response","entry":[
				 {"response":{"status":"201 Created"}},{"response":{"status":"%s"}},{"response":{"status":"201 Created"}}]}
				"""
			.formatted(documentStatus);
	}

	private List<LoggedRequest> requests() {
		return network.findAll(postRequestedFor(urlEqualTo(path)));
	}

	private RswStatus status() {
		return status(study);
	}

	/** The status as the Access tab shows it to the service desk. */
	private RswStatus status(StudyId id) {
		return publisher.status(desk, id);
	}

	private List<String> audit(String action) {
		return jdbc.sql("select outcome from audit.entry where study_id = :s and action = :a order by id")
			.param("s", study.value())
			.param("a", action)
			.query(String.class)
			.list();
	}

	private static String nationalId(Reference reference) {
		return reference.getIdentifier().getValue();
	}

	private static <T> T resource(Bundle bundle, Class<T> type) {
		return type.cast(entryOf(bundle, type).getResource());
	}

	private static Bundle.BundleEntryComponent entryOf(Bundle bundle, Class<?> type) {
		return bundle.getEntry().stream().filter(e -> type.isInstance(e.getResource())).findFirst().orElseThrow();
	}

	private StudyId studyWithNationalId(Department department, String nationalId) {
		String uid = "1.2.826.0.1." + Math.abs(UUID.randomUUID().getMostSignificantBits());
		StudyRegistration registration = new StudyRegistration(uid,
				"R" + (Fixtures.unique() + "0000000").substring(0, 8), department.code().value(),
				LocalDate.of(2026, 3, 2), LocalTime.of(9, 30), "CT", "CT thorax", 2, 120,
				new StudyRegistration.PatientData("PAT" + Fixtures.unique(), "Janssens^Els", LocalDate.of(1985, 7, 30),
						"F", nationalId, null, null),
				null);
		return registrations.register(Actor.systemOperator("fixtures"), registration).id();
	}

}
