package org.studygate.archive;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.studygate.directory.Actor;
import org.studygate.refcode.IssuedCode;
import org.studygate.refcode.NewReferenceNumber;
import org.studygate.refcode.ReferenceNumbers;
import org.studygate.study.Studies;
import org.studygate.study.StudyId;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * A patient signed in with a reference number sees the images of his study on his study
 * page and retrieves them through the DICOMweb gateway with his session; another
 * patient's study stays closed to him there (404, logged).
 */
class PatientImagesTests extends ArchiveTestSupport {

	@Autowired
	ReferenceNumbers referenceNumbers;

	@Autowired
	Studies studies;

	@Autowired
	JsonMapper json;

	private MockHttpSession signIn(StudyId study) throws Exception {
		IssuedCode code = referenceNumbers.add(Actor.systemOperator("test"), study,
				new NewReferenceNumber(null, null, null));
		MockHttpSession session = new MockHttpSession();
		MockHttpServletResponse answer = mvc.perform(post("/patient/api/login").contentType(MediaType.APPLICATION_JSON)
			.content(json.writeValueAsString(Map.of("referenceNumber", code.code(), "birthDate", "1970-05-17")))
			.with(request -> {
				request.setRemoteAddr("198.51.100." + (1 + (int) (Math.random() * 250)));
				return request;
			})
			.session(session)).andReturn().getResponse();
		assertThat(answer.getStatus()).as(answer.getContentAsString()).isEqualTo(200);
		return session;
	}

	@Test
	void aPatientSessionShowsAndRetrievesItsOwnStudysImagesOnly() throws Exception {
		String aet = aeTitle();
		departmentSending(aet);
		String mine = arrive(DicomFiles.Spec.of("MINE", "Mine^Patient").size(1, 2), aet);
		String other = arrive(DicomFiles.Spec.of("OTHER", "Other^Patient").size(1, 1), aet);
		StudyId mineId = studies.findIdByUid(mine).orElseThrow();
		StudyId otherId = studies.findIdByUid(other).orElseThrow();
		MockHttpSession session = signIn(mineId);

		String page = mvc.perform(get("/patient/studies/" + mineId).session(session))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("id=\"series-list\"")
			.contains("/dicomweb/studies/" + mine + "/series/" + mine + ".1/thumbnail");

		MockHttpServletResponse thumbnail = mvc
			.perform(get("/dicomweb/studies/" + mine + "/series/" + mine + ".1/thumbnail").session(session))
			.andReturn()
			.getResponse();
		assertThat(thumbnail.getStatus()).isEqualTo(200);
		assertThat(thumbnail.getContentType()).startsWith("image/");
		assertThat(auditCount(mineId.value(), "IMAGES_RETRIEVED")).isEqualTo(1);

		MockHttpServletResponse refused = mvc.perform(get("/dicomweb/studies/" + other + "/metadata").session(session))
			.andReturn()
			.getResponse();
		assertThat(refused.getStatus()).isEqualTo(404);
		assertThat(refused.getContentAsString()).doesNotContain("Other");
		assertThat(jdbc
			.sql("""
					select count(*) from audit.entry where study_id = :study and outcome = 'DENIED' and actor_kind = 'PATIENT_CODE'
					""")
			.param("study", otherId.value())
			.query(Integer.class)
			.single()).isEqualTo(1);

		String listed = mvc.perform(get("/dicomweb/studies?limit=100").session(session))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(listed).contains(mine).doesNotContain(other);
	}

}
