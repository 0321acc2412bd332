package org.studygate.archive;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.studygate.Fixtures;
import org.studygate.access.Exclusions;
import org.studygate.access.SubjectType;
import org.studygate.department.Department;
import org.studygate.directory.UserId;
import org.studygate.study.StudyOrders;
import org.studygate.study.StudyRegistration;
import org.studygate.study.Studies;
import org.studygate.study.StudyId;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * Exclusions and restrictions through the DICOMweb gateway (decision 060): the withdrawn
 * requester's next WADO-RS and QIDO-RS requests find nothing, a restore gives them back;
 * a restricted study stays in QIDO-RS but its images answer 403 until unlocked; a revoked
 * token is refused on the next request (docs/decisions/067-gateway-fixed-cost.md: nothing
 * is cached between requests).
 */
class ExclusionGatewayTests extends ArchiveTestSupport {

	@Autowired
	Studies studies;

	@Autowired
	StudyOrders orders;

	@Autowired
	Exclusions exclusions;

	@Autowired
	org.studygate.access.Restrictions restrictions;

	@Autowired
	org.studygate.breakglass.BreakGlass breakGlass;

	@Test
	void aWithdrawnRequesterFindsNothingThroughTheGatewayUntilRestored() throws Exception {
		String aet = aeTitle();
		Department department = departmentSending(aet);
		UserId admin = fixtures.sourceAdmin(department, "Admin Gateway Exclusion");
		String number = Fixtures.physicianNumber();
		UserId requester = fixtures.physician("Dr Gateway Requester", number);
		DicomFiles.Spec spec = DicomFiles.Spec.of("EXCL" + Fixtures.unique().substring(0, 6), "Excluded^Gateway")
			.size(1, 1);
		String uid = arrive(spec, aet);
		StudyId study = studies.findIdByUid(uid).orElseThrow();
		orders.place(
				department.id(), new StudyRegistration.PatientData(spec.patientId(), "Excluded^Gateway",
						LocalDate.of(1970, 5, 17), null, null, null, null),
				new StudyRegistration.OrderData(spec.accession(), number, List.of()));
		String metadata = "/dicomweb/studies/" + uid + "/metadata";
		assertThat(status(metadata, requester)).isEqualTo(200);

		var withdrawn = exclusions.exclude(fixtures.actor(admin), study, SubjectType.USER, requester.value(),
				"wrong referral");

		assertThat(status(metadata, requester)).isEqualTo(404);
		assertThat(qido(uid, requester)).doesNotContain(uid);
		exclusions.restore(fixtures.actor(admin), study, withdrawn.line().exclusionId());
		assertThat(status(metadata, requester)).isEqualTo(200);
		assertThat(qido(uid, requester)).contains(uid);
	}

	@Test
	void aRestrictedStudyAnswers403ThroughTheGatewayUntilTheSourceUserUnlocksIt() throws Exception {
		String aet = aeTitle();
		Department department = departmentSending(aet);
		UserId admin = fixtures.sourceAdmin(department, "Admin Gateway Restriction");
		UserId radiologist = fixtures.sourceUser(department, "Radiologist Gateway Restriction");
		String uid = arrive(
				DicomFiles.Spec.of("RSTR" + Fixtures.unique().substring(0, 6), "Restricted^Gateway").size(1, 1), aet);
		StudyId study = studies.findIdByUid(uid).orElseThrow();
		String metadata = "/dicomweb/studies/" + uid + "/metadata";
		String thumbnail = "/dicomweb/studies/" + uid + "/thumbnail";
		assertThat(status(metadata, radiologist)).isEqualTo(200);

		restrictions.restrict(fixtures.actor(admin), study, true, "member of staff");

		assertThat(status(metadata, radiologist)).isEqualTo(403);
		assertThat(status(thumbnail, radiologist)).isEqualTo(403);
		var refused = mvc.perform(get(metadata).header("Authorization", fixtures.bearer(radiologist)))
			.andReturn()
			.getResponse();
		assertThat(refused.getContentType()).startsWith("application/problem+json");
		assertThat(refused.getContentAsString())
			.contains("\"type\":\"https://studygate.org/problems/break-the-glass-possible\"")
			.contains("\"unlock\":\"/api/v1/studies/" + study + "/unlock\"")
			.doesNotContain("Exception");
		UserId outsider = fixtures.physician("Dr Gateway Outsider", Fixtures.physicianNumber());
		var outsiders = mvc.perform(get(metadata).header("Authorization", fixtures.bearer(outsider)))
			.andReturn()
			.getResponse();
		assertThat(outsiders.getStatus()).as("an outsider learns nothing of the restriction").isIn(403, 404);
		assertThat(outsiders.getContentAsString()).doesNotContain("break-the-glass").doesNotContain("unlock");
		assertThat(qido(uid, radiologist)).as("still listed").contains(uid);
		assertThat(status(metadata, admin)).isEqualTo(200);
		breakGlass.unlock(fixtures.actor(radiologist), study, "TREAT", "Reading the examination for the report");
		assertThat(status(metadata, radiologist)).isEqualTo(200);
	}

	@Test
	void aRevokedTokenIsRefusedOnTheVeryNextGatewayRequest() throws Exception {
		String aet = aeTitle();
		Department department = departmentSending(aet);
		UserId radiologist = fixtures.sourceUser(department, "Radiologist Gateway Token");
		String uid = arrive(DicomFiles.Spec.of("RVKT" + Fixtures.unique().substring(0, 6), "Revoked^Token").size(1, 1),
				aet);
		String metadata = "/dicomweb/studies/" + uid + "/metadata";
		String bearer = fixtures.bearer(radiologist);
		assertThat(mvc.perform(get(metadata).header("Authorization", bearer)).andReturn().getResponse().getStatus())
			.isEqualTo(200);

		tokens.logout(fixtures.actor(radiologist), bearer.substring("Bearer ".length()));

		var refused = mvc.perform(get(metadata).header("Authorization", bearer)).andReturn().getResponse();
		assertThat(refused.getStatus()).isEqualTo(401);
		assertThat(refused.getHeader("WWW-Authenticate")).startsWith("Bearer");
		assertThat(refused.getContentAsString()).doesNotContain("Revoked^Token");
	}

	@Test
	void aPracticeWithdrawnFromAStudyIsRefusedAndLoggedOnTheNextRequestWhileTheRequesterKeepsIt() throws Exception {
		String aet = aeTitle();
		Department department = departmentSending(aet);
		UserId admin = fixtures.sourceAdmin(department, "Admin Gateway Practice");
		String number = Fixtures.physicianNumber();
		UserId requester = fixtures.physician("Dr Gateway Practice Requester", number);
		UserId colleague = fixtures.physician("Dr Gateway Practice Colleague", Fixtures.physicianNumber());
		org.studygate.directory.GroupId practice = fixtures.practice("Gateway Practice", requester, colleague);
		DicomFiles.Spec spec = DicomFiles.Spec.of("PRAC" + Fixtures.unique().substring(0, 6), "Practice^Gateway")
			.size(1, 1);
		String uid = arrive(spec, aet);
		StudyId study = studies.findIdByUid(uid).orElseThrow();
		orders.place(
				department.id(), new StudyRegistration.PatientData(spec.patientId(), "Practice^Gateway",
						LocalDate.of(1970, 5, 17), null, null, null, null),
				new StudyRegistration.OrderData(spec.accession(), number, List.of()));
		String frame = "/dicomweb/studies/" + uid + "/series/" + uid + ".1/instances/" + uid + ".1.1/frames/1";
		assertThat(status(frame, colleague)).as("through the practice").isEqualTo(200);

		exclusions.exclude(fixtures.actor(admin), study, SubjectType.GROUP, practice.value(), "not for the practice");

		assertThat(status(frame, colleague)).isEqualTo(404);
		assertThat(qido(uid, colleague)).doesNotContain(uid);
		assertThat(denials(study, colleague)).isEqualTo(1);
		assertThat(status(frame, requester)).as("his own order's path is not the practice's").isEqualTo(200);
	}

	@Test
	void aColleagueWhoLeftThePracticeIsRefusedOnTheNextRequestWithTheSameToken() throws Exception {
		String aet = aeTitle();
		Department department = departmentSending(aet);
		String number = Fixtures.physicianNumber();
		UserId requester = fixtures.physician("Dr Gateway Leaving Requester", number);
		UserId colleague = fixtures.physician("Dr Gateway Leaving Colleague", Fixtures.physicianNumber());
		org.studygate.directory.GroupId practice = fixtures.practice("Gateway Leaving", requester, colleague);
		DicomFiles.Spec spec = DicomFiles.Spec.of("LEAV" + Fixtures.unique().substring(0, 6), "Leaving^Gateway")
			.size(1, 1);
		String uid = arrive(spec, aet);
		StudyId study = studies.findIdByUid(uid).orElseThrow();
		orders.place(
				department.id(), new StudyRegistration.PatientData(spec.patientId(), "Leaving^Gateway",
						LocalDate.of(1970, 5, 17), null, null, null, null),
				new StudyRegistration.OrderData(spec.accession(), number, List.of()));
		String metadata = "/dicomweb/studies/" + uid + "/metadata";
		String bearer = fixtures.bearer(colleague);
		assertThat(mvc.perform(get(metadata).header("Authorization", bearer)).andReturn().getResponse().getStatus())
			.isEqualTo(200);

		fixtures.leave(practice, colleague);

		var refused = mvc.perform(get(metadata).header("Authorization", bearer)).andReturn().getResponse();
		assertThat(refused.getStatus()).isEqualTo(404);
		assertThat(refused.getContentAsString()).doesNotContain("Leaving^Gateway");
		assertThat(denials(study, colleague)).isEqualTo(1);
	}

	private int denials(StudyId study, UserId user) {
		return jdbc.sql("""
				select count(*) from audit.entry where study_id = :study and outcome = 'DENIED' and actor_id = :actor
				    and channel = 'DICOMWEB'
				""").param("study", study.value()).param("actor", user.toString()).query(Integer.class).single();
	}

	@Autowired
	org.studygate.directory.ApiTokens tokens;

	private int status(String path, UserId user) throws Exception {
		return mvc.perform(get(path).header("Authorization", fixtures.bearer(user)))
			.andReturn()
			.getResponse()
			.getStatus();
	}

	private String qido(String uid, UserId user) throws Exception {
		return mvc
			.perform(get("/dicomweb/studies?StudyInstanceUID=" + uid).header("Authorization", fixtures.bearer(user)))
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

}
