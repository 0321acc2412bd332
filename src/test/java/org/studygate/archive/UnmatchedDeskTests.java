package org.studygate.archive;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.studygate.Fixtures;
import org.studygate.department.Department;
import org.studygate.directory.UserId;
import org.studygate.study.Studies;
import org.studygate.study.Study;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The unmatched-studies desk (decision 049): a study sent with an AE title no department
 * knows is listed with its AE title, institution and reason, counted, and registered at
 * once when the service desk assigns it; nobody else may assign, and a refusal is logged.
 */
class UnmatchedDeskTests extends ArchiveTestSupport {

	@Autowired
	Studies studies;

	@Autowired
	UnmatchedStudies unmatched;

	@Autowired
	MeterRegistry meters;

	@Test
	void aStudyFromAnUnknownAeTitleIsOnTheDeskAndOnceAssignedIsRegisteredVisibleAndMatchesTheNextOnes()
			throws Exception {
		String aet = aeTitle();
		String institution = "Outside clinic " + Fixtures.unique();
		String uid = send(aet, institution, "Outside^Patient");
		UserId desk = fixtures.serviceDesk("Desk");

		assertThat(studies.findIdByUid(uid)).isEmpty();
		String page = page(desk, "/admin/unmatched");
		assertThat(page).contains(uid, aet, institution, "no department matches");
		assertThat(page(desk, "/admin")).contains("studies of the image archive are not registered");
		assertThat(meters.get("studygate.archive.unmatched.studies").gauge().value()).isGreaterThanOrEqualTo(1);
		assertThat(unmatched.count()).isGreaterThanOrEqualTo(1);

		Department department = fixtures.department("Radiology assigned");
		MockHttpServletResponse assigned = mvc
			.perform(post("/admin/unmatched/assign").param("studyInstanceUid", uid)
				.param("department", department.code().value())
				.param("addAeTitle", "true")
				.with(csrf())
				.with(authentication(fixtures.signedIn(desk))))
			.andReturn()
			.getResponse();

		assertThat(assigned.getStatus()).isEqualTo(302);
		Study study = studies.find(studies.findIdByUid(uid).orElseThrow()).orElseThrow();
		assertThat(study.departmentId()).isEqualTo(department.id().value());
		assertThat(study.patient().name()).isEqualTo("Outside^Patient");
		assertThat(studies.arrivedAt(study.id())).isPresent();
		assertThat(auditCount(study.id().value(), "UNMATCHED_STUDY_ASSIGNED")).isEqualTo(1);
		assertThat(auditCount(study.id().value(), "STUDY_ARRIVED")).isEqualTo(1);
		assertThat(ingestion.unmatchedReasons(uid)).isEmpty();
		assertThat(page(desk, "/admin/unmatched")).doesNotContain(uid);
		assertThat(departments.find(department.id()).orElseThrow().settings().archive().aeTitles())
			.containsExactly(aet);
		UserId source = fixtures.sourceUser(department, "Source");
		assertThat(page(source, "/explore")).contains(study.id().toString());

		String next = send(aet, institution, "Next^Patient");
		assertThat(studies.find(studies.findIdByUid(next).orElseThrow()).orElseThrow().departmentId())
			.isEqualTo(department.id().value());
	}

	@Test
	void onlyTheServiceDeskAssignsAndARefusalIsLoggedAndChangesNothing() throws Exception {
		String aet = aeTitle();
		String uid = send(aet, null, "Refused^Assign");
		Department department = departmentSending(aeTitle());
		UserId admin = fixtures.sourceAdmin(department, "Admin");

		MockHttpServletResponse refused = mvc
			.perform(post("/admin/unmatched/assign").param("studyInstanceUid", uid)
				.param("department", department.code().value())
				.with(csrf())
				.with(authentication(fixtures.signedIn(admin))))
			.andReturn()
			.getResponse();

		assertThat(refused.getStatus()).isEqualTo(403);
		assertThat(refused.getContentAsString()).doesNotContain("Exception");
		assertThat(studies.findIdByUid(uid)).isEmpty();
		assertThat(ingestion.unmatchedReasons(uid)).isNotEmpty();
		assertThat(jdbc.sql("""
				select count(*) from audit.entry where action = 'UNMATCHED_STUDY_ASSIGNED' and outcome = 'DENIED'
				    and details ->> 'studyInstanceUid' = :uid
				""").param("uid", uid).query(Integer.class).single()).isEqualTo(1);
		UserId physician = fixtures.physician("Curious", Fixtures.physicianNumber());
		assertThat(mvc.perform(get("/admin/unmatched").with(authentication(fixtures.signedIn(physician))))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(403);
		assertThat(page(admin, "/admin/unmatched")).doesNotContain(uid);
	}

	@Test
	void aDepartmentAdminSeesWhatArrivedWithHisAeTitleButCouldNotBeRegisteredAndAnotherDoesNot() throws Exception {
		String aet = aeTitle();
		Department department = departmentSending(aet);
		String invalidUid = "2.25.12A" + Fixtures.unique().replaceAll("[^0-9]", "");
		Path file = DicomHeader.secondaryCapture(invalidUid, 1, 1)
			.set("(0010,0020) LO", "P" + Fixtures.unique())
			.set("(0010,0010) PN", "Broken^Uid")
			.write(Files.createTempDirectory("broken"));
		ARCHIVE.send(aet, List.of(file));
		ARCHIVE.awaitStable(invalidUid);
		pollUntilIngested(invalidUid);
		UserId admin = fixtures.sourceAdmin(department, "Admin");
		UserId otherAdmin = fixtures.sourceAdmin(departmentSending(aeTitle()), "Other admin");
		UserId desk = fixtures.serviceDesk("Desk");

		assertThat(page(admin, "/admin/unmatched")).contains(invalidUid, "studyInstanceUid")
			.doesNotContain("class=\"assign\"");
		assertThat(page(otherAdmin, "/admin/unmatched")).doesNotContain(invalidUid);
		assertThat(page(admin, "/explore")).contains("id=\"menu-unmatched\"");
		MockHttpServletResponse bad = mvc
			.perform(post("/admin/unmatched/assign").param("studyInstanceUid", invalidUid)
				.param("department", department.code().value())
				.with(csrf())
				.with(authentication(fixtures.signedIn(desk))))
			.andReturn()
			.getResponse();
		assertThat(bad.getStatus()).isEqualTo(400);
		assertThat(bad.getContentAsString()).doesNotContain("Exception");
		assertThat(studies.findIdByUid(invalidUid)).isEmpty();
		assertThat(page(desk, "/admin/unmatched")).contains(invalidUid);
	}

	String send(String aet, String institution, String name) throws Exception {
		String uid = DicomFiles.uid();
		Path file = DicomHeader.secondaryCapture(uid, 1, 1)
			.set("(0010,0020) LO", "P" + Fixtures.unique())
			.set("(0010,0010) PN", name)
			.set("(0008,0080) LO", institution)
			.set("(0008,0020) DA", "20250606")
			.write(Files.createTempDirectory("desk"));
		ARCHIVE.send(aet, List.of(file));
		ARCHIVE.awaitStable(uid);
		pollUntilIngested(uid);
		return uid;
	}

	String page(UserId user, String path) throws Exception {
		MockHttpServletResponse response = mvc.perform(get(path).with(authentication(fixtures.signedIn(user))))
			.andReturn()
			.getResponse();
		assertThat(response.getStatus()).as(path).isEqualTo(200);
		return response.getContentAsString();
	}

}
