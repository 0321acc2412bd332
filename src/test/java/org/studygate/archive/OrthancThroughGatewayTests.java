package org.studygate.archive;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.studygate.department.Department;
import org.studygate.directory.UserId;
import org.studygate.study.Studies;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real DICOMweb client through the gateway: a second Orthanc whose
 * {@code DicomWeb.Servers} entry points at Studygate's {@code /dicomweb} with a bearer
 * token in its HTTP headers queries the studies, retrieves a permitted one into its own
 * storage, and is refused another.
 */
class OrthancThroughGatewayTests extends ArchiveTestSupport {

	@Autowired
	Studies studies;

	Orthanc viewerSide;

	@AfterEach
	void stopTheClient() {
		if (viewerSide != null) {
			viewerSide.close();
		}
	}

	@Test
	void orthancsDicomWebClientRetrievesAPermittedStudyAndIsRefusedAnother() {
		String ourAet = aeTitle();
		String theirAet = aeTitle();
		Department radiology = departmentSending(ourAet);
		departmentSending(theirAet);
		UserId radiologist = fixtures.sourceUser(radiology, "Radiologist Client");
		String ours = arrive(DicomFiles.Spec.of("CLIENT1", "Client^Ours").size(1, 2), ourAet);
		String theirs = arrive(DicomFiles.Spec.of("CLIENT2", "Client^Theirs").size(1, 1), theirAet);

		viewerSide = Orthanc.client("VIEWER", """
				{ "studygate": { "Url": "http://127.0.0.1:%d/dicomweb/",
				                 "HttpHeaders": { "Authorization": "%s" } } }
				""".formatted(port, fixtures.bearer(radiologist)));

		JsonNode found = viewerSide.post("/dicom-web/servers/studygate/get",
				"{\"Uri\": \"/studies\", \"Arguments\": {\"limit\": \"100\"}}".getBytes(StandardCharsets.UTF_8),
				"application/json");
		List<String> uids = new ArrayList<>();
		found.forEach(study -> uids.add(study.path("0020000D").path("Value").path(0).asString()));
		assertThat(uids).as(found.toString()).contains(ours).doesNotContain(theirs);

		JsonNode retrieved = viewerSide.post("/dicom-web/servers/studygate/retrieve",
				("{\"Resources\": [{\"Study\": \"" + ours + "\"}]}").getBytes(StandardCharsets.UTF_8),
				"application/json");
		assertThat(retrieved.has("status")).as(retrieved.toString()).isFalse();
		JsonNode copy = viewerSide.post("/tools/find",
				("{\"Level\": \"Instance\", \"Query\": {\"StudyInstanceUID\": \"" + ours + "\"}}")
					.getBytes(StandardCharsets.UTF_8),
				"application/json");
		assertThat(copy.size()).isEqualTo(2);
		// the study retrieved whole is original DICOM: a download (decision 032)
		assertThat(auditCount(studies.findIdByUid(ours).orElseThrow().value(), "DOWNLOADED")).isEqualTo(1);

		JsonNode refused = viewerSide.post("/dicom-web/servers/studygate/retrieve",
				("{\"Resources\": [{\"Study\": \"" + theirs + "\"}]}").getBytes(StandardCharsets.UTF_8),
				"application/json");
		JsonNode none = viewerSide.post("/tools/find",
				("{\"Level\": \"Instance\", \"Query\": {\"StudyInstanceUID\": \"" + theirs + "\"}}")
					.getBytes(StandardCharsets.UTF_8),
				"application/json");
		assertThat(none.size()).as("refused: " + refused).isZero();
		java.util.UUID theirId = studies.findIdByUid(theirs).orElseThrow().value();
		assertThat(auditCount(theirId, "IMAGES_RETRIEVED")).isZero();
		assertThat(jdbc.sql("""
				select count(*) from audit.entry where study_id = :study and outcome = 'DENIED' and actor_id = :actor
				    and channel = 'DICOMWEB'
				""").param("study", theirId).param("actor", radiologist.toString()).query(Integer.class).single())
			.isGreaterThanOrEqualTo(1);
	}

}
