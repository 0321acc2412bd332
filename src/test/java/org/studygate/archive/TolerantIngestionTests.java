package org.studygate.archive;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.studygate.Fixtures;
import org.studygate.department.Department;
import org.studygate.directory.Actor;
import org.studygate.directory.UserId;
import org.studygate.study.Registrations;
import org.studygate.study.Studies;
import org.studygate.study.Study;
import org.studygate.study.StudyDateSource;
import org.studygate.study.StudyId;
import org.studygate.study.StudyRegistration;
import org.studygate.study.UnknownValues;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * What the archive holds is registered even when its header leaves type-2 attributes
 * empty, as real archives' studies do (decision 047): sent by C-STORE with the
 * department's AE title, each becomes a study with the unknown values marked.
 */
class TolerantIngestionTests extends ArchiveTestSupport {

	@Autowired
	Studies studies;

	@Autowired
	Registrations registrations;

	@Test
	void registersAStudyWhoseHeaderLeavesTypeTwoAttributesEmptyAndMarksThemUnknown() throws Exception {
		String aet = aeTitle();
		Department department = departmentSending(aet);
		String uid = DicomFiles.uid();
		DicomHeader header = DicomHeader.secondaryCapture(uid, 1, 1)
			.set("(0010,0020) LO", "P" + Fixtures.unique())
			.set("(0010,0010) PN", "")
			.set("(0010,0030) DA", "")
			.set("(0010,0040) CS", "")
			.set("(0008,0020) DA", "")
			.set("(0008,0030) TM", "")
			.set("(0008,0050) SH", "")
			.set("(0008,0090) PN", "")
			.set("(0008,0021) DA", "20240102")
			.set("(0008,0031) TM", "101500");

		Study study = arrive(aet, uid, header);

		assertThat(study.departmentId()).isEqualTo(department.id().value());
		assertThat(study.studyDate()).isEqualTo(LocalDate.of(2024, 1, 2));
		assertThat(study.performedAt().toLocalTime()).hasHour(10).hasMinute(15);
		assertThat(study.patient().name()).isNull();
		assertThat(study.patient().birthDate()).isNull();
		assertThat(study.patient().sex()).isNull();
		assertThat(study.accessionNumber()).isNull();
		UnknownValues unknown = studies.unknownValues(study.id()).orElseThrow();
		assertThat(unknown.dateSource()).isEqualTo(StudyDateSource.SERIES);
		assertThat(unknown.birthDate()).isTrue();
		assertThat(unknown.name()).isTrue();
		assertThat(unknown.placeholderPatient()).isFalse();
		assertThat(ingestion.unmatchedReasons(uid)).isEmpty();

		UserId user = fixtures.sourceUser(department, "Source");
		String page = mvc.perform(get("/studies/" + study.id()).with(authentication(fixtures.signedIn(user))))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("Birth date unknown", "Name unknown", "no study date in the header: the series date");
		String list = mvc.perform(get("/explore").with(authentication(fixtures.signedIn(user))))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(list).contains(study.id().toString()).contains("Birth date unknown");
		String dutch = mvc
			.perform(get("/explore").cookie(new jakarta.servlet.http.Cookie("studygate-lang", "nl"))
				.with(authentication(fixtures.signedIn(user))))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(dutch).contains("Geboortedatum onbekend");
	}

	@Test
	void datesAStudyByItsFirstImageWhenNeitherStudyNorSeriesHasADate() throws Exception {
		String aet = aeTitle();
		departmentSending(aet);
		String uid = DicomFiles.uid();
		Study study = arrive(aet, uid,
				DicomHeader.secondaryCapture(uid, 1, 1)
					.set("(0010,0020) LO", "P" + Fixtures.unique())
					.set("(0010,0010) PN", "Acquired^Only")
					.set("(0008,0022) DA", "20231130")
					.set("(0008,0023) DA", "20231201"));

		assertThat(study.studyDate()).isEqualTo(LocalDate.of(2023, 11, 30));
		assertThat(studies.unknownValues(study.id()).orElseThrow().dateSource()).isEqualTo(StudyDateSource.ACQUISITION);
	}

	@Test
	void datesAStudyWithoutAnyDateByTheArrivalOfItsImagesAndSaysSo() throws Exception {
		String aet = aeTitle();
		Department department = departmentSending(aet);
		String uid = DicomFiles.uid();
		Study study = arrive(aet, uid,
				DicomHeader.secondaryCapture(uid, 1, 1)
					.set("(0010,0020) LO", "P" + Fixtures.unique())
					.set("(0010,0010) PN", "Undated^Study")
					.set("(0008,0020) DA", "")
					.set("(0008,0021) DA", "not a date"));

		assertThat(study.studyDate())
			.isEqualTo(LocalDate.ofInstant(fixtures.clock().instant(), ZoneId.of("Europe/Brussels")));
		assertThat(studies.unknownValues(study.id()).orElseThrow().dateSource()).isEqualTo(StudyDateSource.ARRIVAL);
		UserId user = fixtures.sourceUser(department, "Source");
		assertThat(mvc.perform(get("/studies/" + study.id()).with(authentication(fixtures.signedIn(user))))
			.andReturn()
			.getResponse()
			.getContentAsString()).contains("no date in the header: when the images arrived");
	}

	@Test
	void theExploreListMarksWhereADateCameFromWhenItIsNotTheHeadersStudyDateInEveryLanguage() throws Exception {
		String aet = aeTitle();
		Department department = departmentSending(aet);
		String undatedUid = DicomFiles.uid();
		Study undated = arrive(aet, undatedUid,
				DicomHeader.secondaryCapture(undatedUid, 1, 1)
					.set("(0010,0020) LO", "P" + Fixtures.unique())
					.set("(0010,0010) PN", "Arrived^Only")
					.set("(0008,0020) DA", ""));
		String seriesUid = DicomFiles.uid();
		Study seriesDated = arrive(aet, seriesUid,
				DicomHeader.secondaryCapture(seriesUid, 1, 1)
					.set("(0010,0020) LO", "P" + Fixtures.unique())
					.set("(0010,0010) PN", "Series^Dated")
					.set("(0008,0021) DA", "20240305"));
		String datedUid = DicomFiles.uid();
		Study dated = arrive(aet, datedUid,
				DicomHeader.secondaryCapture(datedUid, 1, 1)
					.set("(0010,0020) LO", "P" + Fixtures.unique())
					.set("(0010,0010) PN", "Header^Dated")
					.set("(0008,0020) DA", "20240306"));
		UserId user = fixtures.sourceUser(department, "Source");

		Map<String, List<String>> marks = Map.of("en", List.of("(arrival)", "(series date)"), "nl",
				List.of("(aankomst)", "(reeksdatum)"), "fr", List.of("(arrivée)", "(date de série)"), "de",
				List.of("(Ankunft)", "(Seriendatum)"));
		for (var language : marks.entrySet()) {
			String list = mvc
				.perform(get("/explore").cookie(new jakarta.servlet.http.Cookie("studygate-lang", language.getKey()))
					.with(authentication(fixtures.signedIn(user))))
				.andReturn()
				.getResponse()
				.getContentAsString(StandardCharsets.UTF_8);
			assertThat(row(list, undated)).as(language.getKey())
				.contains("date-source")
				.contains(language.getValue().get(0));
			assertThat(row(list, seriesDated)).as(language.getKey())
				.contains("date-source")
				.contains(language.getValue().get(1));
			assertThat(row(list, dated)).as(language.getKey()).contains("2024-03-06").doesNotContain("date-source");
		}
	}

	/** The list's table row of this study. */
	private static String row(String list, Study study) {
		int at = list.indexOf("/studies/" + study.id());
		assertThat(at).as("the list shows " + study.id()).isPositive();
		return list.substring(list.lastIndexOf("<tr", at), list.indexOf("</tr>", at));
	}

	@Test
	void givesEachStudyWithoutPatientIdAPlaceholderPatientOfItsOwnSoThatNoTwoPeopleMerge() throws Exception {
		String aet = aeTitle();
		departmentSending(aet);
		String first = DicomFiles.uid();
		String second = DicomFiles.uid();
		Study one = arrive(aet, first,
				DicomHeader.secondaryCapture(first, 1, 1)
					.set("(0010,0010) PN", "Trauma^Unknown")
					.set("(0008,0020) DA", "20250101"));
		Study two = arrive(aet, second,
				DicomHeader.secondaryCapture(second, 1, 1)
					.set("(0010,0020) LO", "")
					.set("(0010,0010) PN", "Trauma^Unknown")
					.set("(0008,0020) DA", "20250101"));

		assertThat(one.patient().id()).isNotEqualTo(two.patient().id());
		assertThat(studies.unknownValues(one.id()).orElseThrow().placeholderPatient()).isTrue();
		assertThat(studies.unknownValues(two.id()).orElseThrow().placeholderPatient()).isTrue();
		assertThat(one.patient().name()).isEqualTo("Trauma^Unknown");
	}

	@Test
	void keepsTheKnownBirthDateOfAPatientWhenALaterStudyOfHisHasNone() throws Exception {
		String aet = aeTitle();
		Department department = departmentSending(aet);
		String patientId = "P" + Fixtures.unique();
		registrations.register(Actor.systemOperator("ris"),
				new StudyRegistration(DicomFiles.uid(), null, department.code().value(), LocalDate.of(2024, 5, 1), null,
						"CR", "Earlier", 0, 0, new StudyRegistration.PatientData(patientId, "Known^Patient",
								LocalDate.of(1955, 2, 3), "M", null, null, null),
						null));
		String uid = DicomFiles.uid();

		Study study = arrive(aet, uid,
				DicomHeader.secondaryCapture(uid, 1, 1)
					.set("(0010,0020) LO", patientId)
					.set("(0010,0010) PN", "")
					.set("(0010,0030) DA", "")
					.set("(0008,0020) DA", "20250202"));

		assertThat(study.patient().birthDate()).isEqualTo(LocalDate.of(1955, 2, 3));
		assertThat(study.patient().name()).isEqualTo("Known^Patient");
	}

	@Test
	void refusesAReferenceNumberForAStudyWithoutBirthDateWithTheReasonAndStoresNone() throws Exception {
		String aet = aeTitle();
		Department department = departmentSending(aet);
		String uid = DicomFiles.uid();
		Study study = arrive(aet, uid,
				DicomHeader.secondaryCapture(uid, 1, 1)
					.set("(0010,0020) LO", "P" + Fixtures.unique())
					.set("(0010,0010) PN", "No^Birthdate")
					.set("(0008,0020) DA", "20250303"));
		UserId admin = fixtures.sourceAdmin(department, "Admin");

		MockHttpServletResponse response = mvc
			.perform(post("/api/v1/studies/" + study.id() + "/reference-numbers")
				.header("Authorization", fixtures.bearer(admin))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{}"))
			.andReturn()
			.getResponse();

		assertThat(response.getStatus()).isEqualTo(409);
		assertThat(response.getContentType()).contains("application/problem+json");
		assertThat(response.getContentAsString()).contains("birth date is unknown").doesNotContain("Exception");
		assertThat(jdbc.sql("select count(*) from refcode.reference_number_study where study_id = :id")
			.param("id", study.id().value())
			.query(Integer.class)
			.single()).isZero();
	}

	@Test
	void aDepartmentAdminEntersTheMissingBirthDateLoggedAndAColleagueWithoutTheRightIsRefusedAndLogged()
			throws Exception {
		String aet = aeTitle();
		Department department = departmentSending(aet);
		String uid = DicomFiles.uid();
		Study study = arrive(aet, uid,
				DicomHeader.secondaryCapture(uid, 1, 1)
					.set("(0010,0020) LO", "P" + Fixtures.unique())
					.set("(0010,0010) PN", "Enter^Later")
					.set("(0008,0020) DA", "20250404"));
		UserId admin = fixtures.sourceAdmin(department, "Admin");
		UserId colleague = fixtures.sourceUser(department, "Colleague");
		assertThat(mvc.perform(get("/studies/" + study.id()).with(authentication(fixtures.signedIn(admin))))
			.andReturn()
			.getResponse()
			.getContentAsString()).contains("enter-birth-date");
		assertThat(mvc.perform(get("/studies/" + study.id()).with(authentication(fixtures.signedIn(colleague))))
			.andReturn()
			.getResponse()
			.getContentAsString()).doesNotContain("enter-birth-date");

		MockHttpServletResponse refused = mvc
			.perform(post("/studies/" + study.id() + "/birth-date").param("birthDate", "1980-06-07")
				.with(csrf())
				.with(authentication(fixtures.signedIn(colleague))))
			.andReturn()
			.getResponse();
		assertThat(refused.getStatus()).isEqualTo(403);
		assertThat(auditCount(study.id().value(), "BIRTH_DATE_ENTERED")).isEqualTo(1);
		assertThat(studies.find(study.id()).orElseThrow().patient().birthDate()).isNull();

		MockHttpServletResponse bad = mvc
			.perform(post("/studies/" + study.id() + "/birth-date").param("birthDate", "7 June")
				.with(csrf())
				.with(authentication(fixtures.signedIn(admin))))
			.andReturn()
			.getResponse();
		assertThat(bad.getStatus()).isEqualTo(400);
		assertThat(bad.getContentAsString()).doesNotContain("Exception");

		MockHttpServletResponse entered = mvc
			.perform(post("/studies/" + study.id() + "/birth-date").param("birthDate", "1980-06-07")
				.with(csrf())
				.with(authentication(fixtures.signedIn(admin))))
			.andReturn()
			.getResponse();
		assertThat(entered.getStatus()).isEqualTo(302);
		assertThat(studies.find(study.id()).orElseThrow().patient().birthDate()).isEqualTo(LocalDate.of(1980, 6, 7));
		assertThat(auditCount(study.id().value(), "BIRTH_DATE_ENTERED")).isEqualTo(2);
		assertThat(jdbc
			.sql("""
					select count(*) from audit.entry where study_id = :id and action = 'BIRTH_DATE_ENTERED' and outcome = 'DENIED'
					""")
			.param("id", study.id().value())
			.query(Integer.class)
			.single()).isEqualTo(1);

		MockHttpServletResponse again = mvc
			.perform(post("/studies/" + study.id() + "/birth-date").param("birthDate", "1990-01-01")
				.with(csrf())
				.with(authentication(fixtures.signedIn(admin))))
			.andReturn()
			.getResponse();
		assertThat(again.getStatus()).isEqualTo(400);
		assertThat(studies.find(study.id()).orElseThrow().patient().birthDate()).isEqualTo(LocalDate.of(1980, 6, 7));
	}

	@Test
	void breakTheGlassSearchByBirthDateNeverFindsAStudyWithoutOne() throws Exception {
		String aet = aeTitle();
		departmentSending(aet);
		String uid = DicomFiles.uid();
		String patientId = "BG" + Fixtures.unique();
		Study study = arrive(aet, uid,
				DicomHeader.secondaryCapture(uid, 1, 1)
					.set("(0010,0020) LO", patientId)
					.set("(0010,0010) PN", "Glass^Nobirth")
					.set("(0010,0030) DA", "")
					.set("(0008,0020) DA", "20250808"));
		UserId physician = fixtures.physician("Dr Glass", Fixtures.physicianNumber());

		MockHttpServletResponse response = mvc
			.perform(post("/api/v1/break-glass/search").header("Authorization", fixtures.bearer(physician))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"patientId\":\"" + patientId + "\",\"birthDate\":\"1970-01-01\"}")
				.with(request -> {
					request.setRemoteAddr("10.93.0." + (1 + Math.abs(uid.hashCode() % 250)));
					return request;
				}))
			.andReturn()
			.getResponse();

		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getContentAsString()).doesNotContain(study.id().toString()).contains("\"items\":[]");
	}

	@Test
	void theRisStillHasToSendTheBirthDate() {
		Department department = fixtures.department("Ris strict");
		org.assertj.core.api.Assertions
			.assertThatThrownBy(() -> registrations.register(Actor.systemOperator("ris"),
					new StudyRegistration(DicomFiles.uid(), null, department.code().value(), LocalDate.of(2024, 5, 1),
							null, "CR", null, 0, 0,
							new StudyRegistration.PatientData("P" + Fixtures.unique(), "Strict^Ris", null, null, null,
									null, null),
							null)))
			.isInstanceOf(org.studygate.InvalidInputException.class)
			.hasMessageContaining("is required");
	}

	/** Sends the objects with the AE title and waits until the study is registered. */
	Study arrive(String aet, String uid, DicomHeader... headers) throws Exception {
		Path directory = Files.createTempDirectory("dicom");
		List<Path> files = new ArrayList<>();
		for (DicomHeader header : headers) {
			files.add(header.write(directory));
		}
		ARCHIVE.send(aet, files);
		ARCHIVE.awaitStable(uid);
		pollUntilIngested(uid);
		StudyId id = studies.findIdByUid(uid)
			.orElseThrow(() -> new AssertionError("not registered: " + ingestion.unmatchedReasons(uid)));
		return studies.find(id).orElseThrow();
	}

}
