package org.studygate.ris;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.studygate.Fixtures;
import org.studygate.StudygateTest;
import org.studygate.WebFixture;
import org.studygate.department.Department;
import org.studygate.directory.UserId;
import org.studygate.study.Studies;
import org.studygate.study.StudyId;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Orders registered through {@code POST /api/v1/orders} by a department without HL7: the
 * same join as an HL7 order, for the department's source admins only.
 */
@StudygateTest
class OrderApiTests {

	@Autowired
	WebFixture web;

	@Autowired
	Fixtures fixtures;

	@Autowired
	JsonMapper json;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Studies studies;

	MockMvc mvc;

	Department department;

	UserId admin;

	UserId clerk;

	UserId otherAdmin;

	UserId serviceDesk;

	String requesterNumber;

	String ccNumber;

	UserId requester;

	UserId copied;

	UserId stranger;

	@BeforeEach
	void setUp() {
		mvc = web.mvc();
		department = fixtures.department("Radiology Orders");
		admin = fixtures.sourceAdmin(department, "Admin Orders");
		clerk = fixtures.sourceUser(department, "Clerk Orders");
		otherAdmin = fixtures.sourceAdmin(fixtures.department("Radiology Orders Elsewhere"), "Admin Elsewhere");
		serviceDesk = fixtures.serviceDesk("Desk Orders");
		requesterNumber = Fixtures.physicianNumber();
		ccNumber = Fixtures.physicianNumber();
		requester = fixtures.physician("Dr Orders", requesterNumber);
		copied = fixtures.physician("Dr Orders Copied", ccNumber);
		stranger = fixtures.physician("Dr Orders Stranger", Fixtures.physicianNumber());
	}

	@Test
	void anOrderPlacedByASourceAdminGivesItsStudyToTheRequesterAndTheCopiedPhysician() throws Exception {
		String accession = "A" + Fixtures.unique();
		MockHttpServletResponse placed = place(admin, order(accession));
		assertThat(placed.getStatus()).as(placed.getContentAsString()).isEqualTo(201);
		assertThat(json.readTree(placed.getContentAsString()).get("studyId").isNull()).isTrue();

		StudyId study = registerByApi(accession);
		assertThat(status(requester, study)).isEqualTo(200);
		assertThat(status(copied, study)).isEqualTo(200);
		assertThat(status(stranger, study)).isEqualTo(404);
		assertThat(studies.find(study).orElseThrow().paymentRequired()).isTrue();
	}

	@Test
	void anOrderForAStudyAlreadyRegisteredJoinsItAtOnceAndIsLogged() throws Exception {
		String accession = "A" + Fixtures.unique();
		StudyId study = registerByApi(accession);
		assertThat(status(requester, study)).isEqualTo(404);

		MockHttpServletResponse placed = place(serviceDesk, order(accession));
		assertThat(placed.getStatus()).isEqualTo(201);
		assertThat(json.readTree(placed.getContentAsString()).get("studyId").asString()).isEqualTo(study.toString());
		assertThat(status(requester, study)).isEqualTo(200);
		assertThat(jdbc.sql(
				"select count(*) from audit.entry where study_id = :s and action = 'ORDER_PLACED' and outcome = 'SUCCESS'")
			.param("s", study.value())
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void whoDoesNotAdministerTheDepartmentIsRefusedAndLogged() throws Exception {
		String accession = "A" + Fixtures.unique();
		MockHttpServletResponse byClerk = place(clerk, order(accession));
		assertThat(byClerk.getStatus()).isEqualTo(403);
		assertThat(byClerk.getContentType()).contains("problem+json");
		assertThat(place(otherAdmin, order(accession)).getStatus()).isEqualTo(403);
		assertThat(place(requester, order(accession)).getStatus()).isEqualTo(403);

		assertThat(orders(accession)).isZero();
		for (UserId refused : List.of(clerk, otherAdmin, requester)) {
			assertThat(jdbc.sql(
					"select count(*) from audit.entry where actor_id = :u and action = 'ORDER_PLACED' and outcome = 'DENIED'")
				.param("u", refused.toString())
				.query(Long.class)
				.single()).isEqualTo(1);
		}
		StudyId study = registerByApi(accession);
		assertThat(status(requester, study)).isEqualTo(404);
	}

	@Test
	void badOrdersAreRefusedWithTheFieldNamedAndChangeNothing() throws Exception {
		String accession = "A" + Fixtures.unique();
		Map<String, Object> noAccession = order(accession);
		noAccession.remove("accessionNumber");
		assertRefused(noAccession, "accessionNumber");
		Map<String, Object> noBirthDate = order(accession);
		noBirthDate.put("patient", Map.of("patientId", "PAT" + Fixtures.unique(), "name", "Peeters^Ann"));
		assertRefused(noBirthDate, "patient.birthDate");
		Map<String, Object> unknown = order(accession);
		unknown.put("departmentCode", "NO-SUCH-" + Fixtures.unique());
		assertRefused(unknown, "departmentCode");
		Map<String, Object> badUid = order(accession);
		badUid.put("studyInstanceUid", "1.2.abc");
		assertRefused(badUid, "studyInstanceUid");
		Map<String, Object> badRequester = order(accession);
		badRequester.put("requesterNumber", "12<script>");
		assertRefused(badRequester, "requesterNumber");
		MockHttpServletResponse noBody = mvc
			.perform(post("/api/v1/orders").header("Authorization", fixtures.bearer(admin))
				.contentType(MediaType.APPLICATION_JSON))
			.andReturn()
			.getResponse();
		assertThat(noBody.getStatus()).isEqualTo(400);

		assertThat(orders(accession)).isZero();
	}

	private void assertRefused(Map<String, Object> body, String field) throws Exception {
		MockHttpServletResponse refused = place(admin, body);
		assertThat(refused.getStatus()).as(refused.getContentAsString()).isEqualTo(400);
		assertThat(refused.getContentAsString()).contains(field).doesNotContainIgnoringCase("exception");
	}

	private Map<String, Object> order(String accession) {
		Map<String, Object> order = new HashMap<>();
		order.put("departmentCode", department.code().value());
		order.put("accessionNumber", accession);
		order.put("placerNumber", "P" + accession);
		order.put("patient", Map.of("patientId", "PAT" + Fixtures.unique(), "name", "Peeters^Ann", "birthDate",
				"1970-05-17", "sex", "F"));
		order.put("requesterNumber", requesterNumber);
		order.put("ccNumbers", List.of(ccNumber));
		order.put("paymentRequired", true);
		return order;
	}

	private MockHttpServletResponse place(UserId user, Map<String, Object> body) throws Exception {
		return mvc
			.perform(post("/api/v1/orders").header("Authorization", fixtures.bearer(user))
				.contentType(MediaType.APPLICATION_JSON)
				.content(json.writeValueAsString(body)))
			.andReturn()
			.getResponse();
	}

	private long orders(String accession) {
		return jdbc.sql("select count(*) from ris.ris_order where accession_number = :a")
			.param("a", accession)
			.query(Long.class)
			.single();
	}

	private int status(UserId user, StudyId study) throws Exception {
		return mvc.perform(get("/api/v1/studies/" + study).header("Authorization", fixtures.bearer(user)))
			.andReturn()
			.getResponse()
			.getStatus();
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
