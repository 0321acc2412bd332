package org.studygate.refcode;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.studygate.Fixtures;
import org.studygate.StudygateTest;
import org.studygate.WebFixture;
import org.studygate.department.Department;
import org.studygate.department.ReferenceNumberPolicy;
import org.studygate.directory.UserId;
import org.studygate.study.StudyId;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * "Regenerate reference numbers" follows the department's current configuration
 * (docs/guide/reference-numbers.md, decision 062): codes the RIS delivered are kept
 * unless ticked, the new codes get the policy's validity, a policy that makes no codes
 * says so and changes nothing, and the new codes come as letters ready to print.
 */
@StudygateTest
class RegenerateTests {

	@Autowired
	WebFixture web;

	@Autowired
	Fixtures fixtures;

	@Autowired
	PatientFixtures patients;

	@Autowired
	JsonMapper json;

	MockMvc mvc;

	Department department;

	UserId admin;

	StudyId study;

	@BeforeEach
	void setUp() {
		mvc = web.mvc();
		department = fixtures.department("Radiology Regenerate");
		admin = fixtures.sourceAdmin(department, "Regenerating Admin");
		study = patients.study(department, 4);
	}

	void policy(ReferenceNumberPolicy.Generation generation) {
		patients.policy(department, new ReferenceNumberPolicy(null, null, null, null, null, 30, 60, generation));
	}

	String deliver(String code) throws Exception {
		MockHttpServletResponse response = mvc
			.perform(post("/api/v1/studies/" + study + "/reference-numbers")
				.header("Authorization", fixtures.bearer(admin))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"code\":\"" + code + "\"}"))
			.andReturn()
			.getResponse();
		assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(201);
		return json.readTree(response.getContentAsString()).get("id").asString();
	}

	MockHttpServletResponse regenerate(String body) throws Exception {
		return mvc
			.perform(post("/api/v1/studies/" + study + "/reference-numbers/regenerate")
				.header("Authorization", fixtures.bearer(admin))
				.contentType(MediaType.APPLICATION_JSON)
				.content(body))
			.andReturn()
			.getResponse();
	}

	@Test
	void aCodeFromTheRisIsKeptUnlessTickedAndNewCodesTakeThePolicysValidity() throws Exception {
		policy(ReferenceNumberPolicy.Generation.PER_STUDY);
		String ris = deliver("RIS" + Fixtures.unique().toUpperCase().replaceAll("[^A-Z0-9]", "") + "X7K2");
		IssuedCode generated = patients.code(study);

		MockHttpServletResponse first = regenerate("{}");
		assertThat(first.getStatus()).as(first.getContentAsString()).isEqualTo(200);
		JsonNode codes = json.readTree(first.getContentAsString());
		assertThat(codes).hasSize(1);
		assertThat(patients.state(UUID.fromString(ris))).isEqualTo("ACTIVE");
		assertThat(patients.state(generated.id())).isEqualTo("SUPERSEDED");
		JsonNode lines = json
			.readTree(mvc
				.perform(get("/api/v1/studies/" + study + "/access").header("Authorization", fixtures.bearer(admin)))
				.andReturn()
				.getResponse()
				.getContentAsString())
			.get("referenceNumbers");
		JsonNode fresh = null;
		for (JsonNode line : lines) {
			if (line.get("id").asString().equals(codes.get(0).get("id").asString())) {
				fresh = line;
			}
		}
		assertThat(fresh).isNotNull();
		LocalDate lastDay = Instant.parse(fresh.get("validTo").asString())
			.minusSeconds(1)
			.atZone(department.timeZone())
			.toLocalDate();
		assertThat(lastDay).isEqualTo(LocalDate.now(department.timeZone()).plusDays(30));

		// ticked, the RIS code is replaced too
		MockHttpServletResponse second = regenerate("{\"replaceRis\":[\"" + ris + "\"]}");
		assertThat(second.getStatus()).isEqualTo(200);
		assertThat(json.readTree(second.getContentAsString())).hasSize(2);
		assertThat(patients.state(UUID.fromString(ris))).isEqualTo("SUPERSEDED");
	}

	@Test
	void aPolicyThatMakesNoCodesSaysSoAndChangesNothing() throws Exception {
		policy(ReferenceNumberPolicy.Generation.NONE);
		IssuedCode code = patients.code(study);
		MockHttpServletResponse refused = regenerate("{}");
		assertThat(refused.getStatus()).isEqualTo(409);
		assertThat(refused.getContentAsString()).contains("makes no reference numbers");
		assertThat(patients.state(code.id())).isEqualTo("ACTIVE");

		String page = mvc
			.perform(get("/studies/" + study + "/reference-numbers/regenerate")
				.with(authentication(fixtures.signedIn(admin))))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("id=\"policy-makes-none\"").doesNotContain("id=\"confirm\"");
	}

	@Test
	void theNewCodesComeAsLettersReadyToPrintAndOutsidersAreRefused() throws Exception {
		policy(ReferenceNumberPolicy.Generation.PER_STUDY);
		String ris = deliver("LETTER" + Fixtures.unique().toUpperCase().replaceAll("[^A-Z0-9]", "") + "Q9");
		String confirm = mvc
			.perform(get("/studies/" + study + "/reference-numbers/regenerate")
				.with(authentication(fixtures.signedIn(admin))))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(confirm).contains("value=\"" + ris + "\"").contains("id=\"confirm\"");

		String page = mvc
			.perform(post("/studies/" + study + "/reference-numbers/regenerate").with(csrf())
				.with(authentication(fixtures.signedIn(admin))))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("class=\"letter panel\"")
			.contains("/patient/" + department.code().value())
			.contains(department.name())
			.contains("id=\"print-letters\"");
		assertThat(patients.state(UUID.fromString(ris))).isEqualTo("ACTIVE");

		for (UserId stranger : List.of(fixtures.physician("Dr Regenerate", Fixtures.physicianNumber()),
				fixtures.sourceAdmin(fixtures.department("Radiology Elsewhere"), "Other Admin"))) {
			assertThat(mvc
				.perform(post("/api/v1/studies/" + study + "/reference-numbers/regenerate").header("Authorization",
						fixtures.bearer(stranger)))
				.andReturn()
				.getResponse()
				.getStatus()).isEqualTo(404);
			assertThat(mvc
				.perform(get("/studies/" + study + "/reference-numbers/regenerate")
					.with(authentication(fixtures.signedIn(stranger))))
				.andReturn()
				.getResponse()
				.getStatus()).isEqualTo(404);
		}
		assertThat(patients.state(UUID.fromString(ris))).isEqualTo("ACTIVE");
	}

}
