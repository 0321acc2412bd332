package org.studygate.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.studygate.Fixtures;
import org.studygate.StudygateTest;
import org.studygate.WebFixture;
import org.studygate.department.Department;
import org.studygate.directory.ApiTokens;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Bad input to {@code POST /api/v1/studies}: every kind answers 400 as a ProblemDetail
 * that names the field, shows no internal text, and stores nothing.
 */
@StudygateTest
class ApiInputTests {

	@Autowired
	WebFixture web;

	@Autowired
	Fixtures fixtures;

	@Autowired
	ApiTokens tokens;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	MockMvc mvc;

	Department department;

	String bearer;

	@BeforeEach
	void setUp() {
		mvc = web.mvc();
		department = fixtures.department("Radiology " + Fixtures.unique());
		bearer = "Bearer " + tokens.issue(fixtures.serviceDesk("Service Desk Anna")).token();
	}

	@Test
	void registersAValidStudy() throws Exception {
		Map<String, Object> body = validRegistration();

		MockHttpServletResponse response = register(json.writeValueAsString(body));

		assertThat(response.getStatus()).isEqualTo(201);
		assertThat(stored(body)).isEqualTo(1);
	}

	@Test
	void refusesMalformedJsonAndStoresNothing() throws Exception {
		int before = studies();

		MockHttpServletResponse response = register("{\"studyInstanceUid\": \"1.2.3\", \"patient\": {");

		assertBadRequest(response);
		assertThat(response.getContentAsString()).contains("not well-formed JSON");
		assertThat(studies()).isEqualTo(before);
	}

	@Test
	void namesTheFieldWhoseValueHasTheWrongType() throws Exception {
		Map<String, Object> body = validRegistration();
		body.put("studyDate", "yesterday");

		MockHttpServletResponse response = register(json.writeValueAsString(body));

		assertBadRequest(response);
		assertThat(problem(response)).containsEntry("field", "studyDate");
		assertThat((String) problem(response).get("detail")).contains("studyDate");
		assertThat(stored(body)).isZero();
	}

	@Test
	void acceptsUnknownFields() throws Exception {
		Map<String, Object> body = validRegistration();
		body.put("stationName", "CT-2");

		assertThat(register(json.writeValueAsString(body)).getStatus()).isEqualTo(201);
	}

	@Test
	void refusesABodyOverOneMebibyteBeforeReadingIt() throws Exception {
		Map<String, Object> body = validRegistration();
		body.put("comment", "x".repeat((int) RequestBodyLimit.LIMIT));
		int before = studies();

		MockHttpServletResponse response = register(json.writeValueAsString(body));

		assertThat(response.getStatus()).isEqualTo(413);
		assertThat(problem(response)).containsEntry("detail", RequestBodyLimit.DETAIL);
		assertThat(studies()).isEqualTo(before);
	}

	@Test
	void stopsReadingABodyWithoutDeclaredLengthAtOneMebibyte() throws Exception {
		RequestBodyLimit limit = new RequestBodyLimit(new ProblemWriter(json));
		List<Integer> readBytes = new ArrayList<>();

		assertThatThrownBy(
				() -> limit.doFilter(chunked((int) RequestBodyLimit.LIMIT + 1), new MockHttpServletResponse(),
						(request, response) -> readBytes.add(request.getInputStream().readAllBytes().length)))
			.isInstanceOf(RequestBodyLimit.TooLarge.class);
		assertThat(readBytes).isEmpty();

		limit.doFilter(chunked((int) RequestBodyLimit.LIMIT), new MockHttpServletResponse(),
				(request, response) -> readBytes.add(request.getInputStream().readAllBytes().length));
		assertThat(readBytes).containsExactly((int) RequestBodyLimit.LIMIT);
	}

	static Stream<Arguments> invalidFields() {
		return Stream.of(arguments("studyInstanceUid", "not-a-uid", "studyInstanceUid"),
				arguments("accessionNumber", "A".repeat(17), "accessionNumber"),
				arguments("departmentCode", "", "departmentCode"),
				arguments("departmentCode", "NO-SUCH-DEPARTMENT", "departmentCode"),
				arguments("studyDate", null, "studyDate"), arguments("studyDate", "1850-01-01", "studyDate"),
				arguments("studyDate", "yesterday", "studyDate"), arguments("studyTime", "noon", "studyTime"),
				arguments("modality", "c", "modality"), arguments("description", "d".repeat(257), "description"),
				arguments("numberOfSeries", -1, "numberOfSeries"),
				arguments("numberOfSeries", "many", "numberOfSeries"),
				arguments("numberOfInstances", -1, "numberOfInstances"), arguments("patient", null, "patient"),
				arguments("patient", "Maes^Anna", "patient"), arguments("patient.patientId", "", "patient.patientId"),
				arguments("patient.name", " ", "patient.name"),
				arguments("patient.name", "n".repeat(201), "patient.name"),
				arguments("patient.birthDate", null, "patient.birthDate"),
				arguments("patient.birthDate", "1800-01-01", "patient.birthDate"),
				arguments("patient.birthDate", "17/05/1970", "patient.birthDate"),
				arguments("patient.sex", "X", "patient.sex"),
				arguments("patient.nationalId", "9".repeat(33), "patient.nationalId"),
				arguments("patient.mobile", "call me", "patient.mobile"),
				arguments("patient.email", "nope", "patient.email"),
				arguments("order.orderNumber", "", "order.orderNumber"),
				arguments("order.referringPhysicianNumber", "!", "order.referringPhysicianNumber"),
				arguments("order.ccPhysicianNumbers", List.of("!"), "order.ccPhysicianNumbers"),
				arguments("order.ccPhysicianNumbers", "PN1", "order.ccPhysicianNumbers"));
	}

	@ParameterizedTest(name = "{0} = {1}")
	@MethodSource("invalidFields")
	void answersEveryInvalidFieldWithBadRequestNamingIt(String path, Object value, String field) throws Exception {
		Map<String, Object> body = validRegistration();
		set(body, path, value);

		MockHttpServletResponse response = register(json.writeValueAsString(body));

		assertBadRequest(response);
		assertThat(problem(response)).containsEntry("field", field);
		assertThat((String) problem(response).get("detail")).contains(field + " ").doesNotContain("null");
		assertThat(stored(body)).isZero();
	}

	private Map<String, Object> validRegistration() {
		Map<String, Object> patient = new LinkedHashMap<>();
		patient.put("patientId", "PAT" + Fixtures.unique());
		patient.put("name", "Maes^Anna");
		patient.put("birthDate", "1970-05-17");
		patient.put("sex", "F");
		Map<String, Object> order = new LinkedHashMap<>();
		order.put("orderNumber", "ORD" + Fixtures.unique());
		order.put("referringPhysicianNumber", Fixtures.physicianNumber());
		order.put("ccPhysicianNumbers", List.of(Fixtures.physicianNumber()));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("studyInstanceUid", "1.2.826.0.1." + Math.abs(UUID.randomUUID().getMostSignificantBits()));
		body.put("accessionNumber", "A" + Fixtures.unique().substring(0, 6));
		body.put("departmentCode", department.code().value());
		body.put("studyDate", "2026-03-02");
		body.put("modality", "CT");
		body.put("description", "CT thorax");
		body.put("numberOfSeries", 2);
		body.put("numberOfInstances", 120);
		body.put("patient", patient);
		body.put("order", order);
		return body;
	}

	@SuppressWarnings("unchecked")
	private static void set(Map<String, Object> body, String path, Object value) {
		String[] parts = path.split("\\.");
		Map<String, Object> target = body;
		for (int i = 0; i < parts.length - 1; i++) {
			target = (Map<String, Object>) target.get(parts[i]);
		}
		target.put(parts[parts.length - 1], value);
	}

	private MockHttpServletResponse register(String body) throws Exception {
		return mvc
			.perform(post("/api/v1/studies").header("Authorization", bearer)
				.contentType(MediaType.APPLICATION_JSON)
				.content(body))
			.andReturn()
			.getResponse();
	}

	private Map<String, Object> problem(MockHttpServletResponse response) throws IOException {
		return json.readValue(response.getContentAsString(), StaffLoginTests.JSON_OBJECT);
	}

	static void assertBadRequest(MockHttpServletResponse response) throws IOException {
		assertThat(response.getStatus()).isEqualTo(400);
		assertThat(response.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		assertNoInternals(response.getContentAsString());
	}

	/** An error body must not show what the server is made of. */
	static void assertNoInternals(String body) {
		assertThat(body).doesNotContainIgnoringCase("exception")
			.doesNotContain("tools.jackson", "com.fasterxml", "java.", "org.springframework", "org.studygate", "\tat ",
					"Caused by", "Source:");
	}

	private int stored(Map<String, Object> body) {
		return jdbc.sql("select count(*) from study.study where study_instance_uid = :uid")
			.param("uid", String.valueOf(body.get("studyInstanceUid")))
			.query(Integer.class)
			.single();
	}

	private int studies() {
		return jdbc.sql("select count(*) from study.study").query(Integer.class).single();
	}

	private static MockHttpServletRequest chunked(int size) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/studies") {

			@Override
			public int getContentLength() {
				return -1;
			}

			@Override
			public long getContentLengthLong() {
				return -1;
			}

		};
		request.setContent(new byte[size]);
		return request;
	}

}
