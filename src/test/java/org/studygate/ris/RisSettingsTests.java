package org.studygate.ris;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.studygate.Fixtures;
import org.studygate.WebFixture;
import org.studygate.department.Department;
import org.studygate.department.Departments;
import org.studygate.department.RisSettings;
import org.studygate.department.setup.DepartmentSetup;
import org.studygate.directory.UserId;
import org.studygate.study.Studies;
import org.studygate.study.StudyId;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

/**
 * The department's RIS feed settings (decision 053): sending facilities (MSH-4) mapped to
 * the department besides its code, unique across departments, and the field that marks an
 * order's payment requirement.
 */
class RisSettingsTests extends ListenerContext {

	@Autowired
	WebFixture web;

	@Autowired
	Fixtures fixtures;

	@Autowired
	JsonMapper json;

	@Autowired
	Studies studies;

	@Autowired
	Departments departments;

	@Autowired
	DepartmentSetup setup;

	MockMvc mvc;

	Department department;

	String requesterNumber;

	UserId requester;

	UserId serviceDesk;

	@BeforeEach
	void setUp() {
		mvc = web.mvc();
		department = fixtures.department("Radiology Feed");
		requesterNumber = Fixtures.physicianNumber();
		requester = fixtures.physician("Dr Feed", requesterNumber);
		serviceDesk = fixtures.serviceDesk("Desk Feed");
	}

	@Test
	void anUnmappedFacilityIsAnsweredWithAnErrorAndTheSameMessageIsAppliedOnceTheDeskMappedIt() throws Exception {
		String facility = "ST JAN CAMPUS " + Fixtures.unique();
		String accession = "A" + Fixtures.unique();
		Map<String, String> values = RisSender.order(facility, "NW", accession);
		values.put("REQ", requesterNumber);
		values.put("CC", Fixtures.physicianNumber());
		values.put("CC2", Fixtures.physicianNumber());
		String message = RisSender.message("orm-o01.hl7", values);

		String refused = RisSender.sendRaw(PORT, message);
		assertThat(RisSender.ackCode(refused)).isEqualTo("AE");
		assertThat(refused).contains("unknown department");

		MvcResult saved = page(
				post("/admin/departments/" + department.code() + "/ris").param("releaseRule", "IMMEDIATELY")
					.param("sendingFacilities", facility.toLowerCase() + "\nRAD-FEED-" + Fixtures.unique())
					.param("paymentField", "ZPY-1"));
		assertThat(saved.getFlashMap().get("risProblem")).isNull();
		assertThat(feed().sendingFacilities()).contains(facility);

		assertThat(RisSender.sendWithHapi(PORT, message)).isEqualTo("AA");
		StudyId study = registerByApi(accession);
		assertThat(mvc.perform(get("/api/v1/studies/" + study).header("Authorization", fixtures.bearer(requester)))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(200);
	}

	@Test
	void aFacilityNamesOneDepartmentOnlyAndMustBeWellFormed() throws Exception {
		Department other = fixtures.department("Radiology Feed Other");
		String taken = "CAMPUS " + Fixtures.unique();
		setup.updateSettings(other.id(),
				departments.find(other.id())
					.orElseThrow()
					.settings()
					.withRisSettings(new RisSettings(List.of(taken), null)));

		assertThat(putFeed(List.of(taken), "ZPY-1").getContentAsString()).contains("sendingFacilities");
		assertThat(putFeed(List.of(other.code().value()), "ZPY-1").getStatus()).isEqualTo(400);
		assertThat(putFeed(List.of("bad/facility"), "ZPY-1").getStatus()).isEqualTo(400);
		assertThat(putFeed(List.of(), "ZPY1").getContentAsString()).contains("paymentField");
		assertThat(putFeed(List.of(), "ZPY-0").getStatus()).isEqualTo(400);
		assertThat(feed()).isEqualTo(RisSettings.defaults());

		MvcResult refusedPage = page(
				post("/admin/departments/" + department.code() + "/ris").param("releaseRule", "IMMEDIATELY")
					.param("sendingFacilities", taken)
					.param("paymentField", "ZPY-1"));
		assertThat(refusedPage.getFlashMap().get("risProblem")).isEqualTo("ris.settings.invalid.sendingFacilities");
		assertThat(feed()).isEqualTo(RisSettings.defaults());
		assertThat(RisSender.sendWithHapi(PORT, RisSender.message("orm-o01.hl7", order(taken)))).isEqualTo("AA");

		assertThat(putFeed(List.of("campus " + Fixtures.unique()), "PV1-20").getStatus()).isEqualTo(200);
		assertThat(feed().paymentField()).isEqualTo("PV1-20");
	}

	@Test
	void thePaymentFieldIsTheDepartmentsChoice() throws Exception {
		setup.updateSettings(department.id(),
				departments.find(department.id())
					.orElseThrow()
					.settings()
					.withRisSettings(new RisSettings(null, "ZPY-2")));
		Map<String, String> secondField = order(department.code().value());
		secondField.put("PAY", "N|Y");
		assertThat(RisSender.sendWithHapi(PORT, RisSender.message("orm-o01.hl7", secondField))).isEqualTo("AA");
		assertThat(studies.find(registerByApi(secondField.get("ACC"))).orElseThrow().paymentRequired()).isTrue();

		Map<String, String> firstField = order(department.code().value());
		firstField.put("PAY", "Y|N");
		assertThat(RisSender.sendWithHapi(PORT, RisSender.message("orm-o01.hl7", firstField))).isEqualTo("AA");
		assertThat(studies.find(registerByApi(firstField.get("ACC"))).orElseThrow().paymentRequired()).isFalse();
	}

	private Map<String, String> order(String facility) {
		Map<String, String> values = RisSender.order(facility, "NW", "A" + Fixtures.unique());
		values.put("REQ", requesterNumber);
		values.put("CC", Fixtures.physicianNumber());
		values.put("CC2", Fixtures.physicianNumber());
		return values;
	}

	private RisSettings feed() {
		return departments.find(department.id()).orElseThrow().settings().ris();
	}

	private MockHttpServletResponse putFeed(List<String> facilities, String paymentField) throws Exception {
		String body = json
			.writeValueAsString(Map.of("ris", Map.of("sendingFacilities", facilities, "paymentField", paymentField)));
		return mvc
			.perform(put("/api/v1/admin/departments/" + department.code() + "/settings")
				.header("Authorization", fixtures.bearer(serviceDesk))
				.contentType(MediaType.APPLICATION_JSON)
				.content(body))
			.andReturn()
			.getResponse();
	}

	private MvcResult page(MockHttpServletRequestBuilder request) throws Exception {
		return mvc.perform(request.with(authentication(fixtures.signedIn(serviceDesk))).with(csrf())).andReturn();
	}

	private StudyId registerByApi(String accession) throws Exception {
		String body = json.writeValueAsString(Map.of("studyInstanceUid",
				"1.2.826.0.1.3680043.9." + Math.abs(UUID.randomUUID().getMostSignificantBits()), "accessionNumber",
				accession, "departmentCode", department.code().value(), "studyDate", LocalDate.now().toString(),
				"modality", "CT", "description", "CT thorax", "patient",
				Map.of("patientId", "PAT" + Fixtures.unique(), "name", "Peeters^Ann", "birthDate", "1970-05-17")));
		MockHttpServletResponse answer = mvc
			.perform(post("/api/v1/studies").header("Authorization", fixtures.bearer(serviceDesk))
				.contentType(MediaType.APPLICATION_JSON)
				.content(body))
			.andReturn()
			.getResponse();
		assertThat(answer.getStatus()).as(answer.getContentAsString()).isEqualTo(201);
		return new StudyId(UUID.fromString(json.readTree(answer.getContentAsString()).get("id").asString()));
	}

}
