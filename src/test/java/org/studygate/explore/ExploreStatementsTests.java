package org.studygate.explore;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.studygate.Fixtures;
import org.studygate.SqlStatements;
import org.studygate.StudygateTest;
import org.studygate.WebFixture;
import org.studygate.department.Department;
import org.studygate.directory.UserId;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * A page of the explore list costs a fixed number of SQL statements however many
 * departments its rows come from (their codes are read in one query), and an API request
 * does not read the user's profile language
 * (docs/decisions/080-explore-list-fewer-statements-per-request.md). The statements are
 * counted from the JDBC driver's trace on the test's own thread, which serves the MockMvc
 * request.
 */
@StudygateTest
class ExploreStatementsTests {

	/**
	 * The bearer token with its actor, {@code BEGIN}, the list with its department codes
	 * (docs/decisions/087-access-tab-and-explore-list-in-fewer-round-trips.md), the
	 * access-log entry and the commit (the pool's check of an idle connection, an empty
	 * query, is not counted).
	 */
	private static final long STATEMENTS_PER_PAGE = 5;

	@Autowired
	WebFixture web;

	@Autowired
	Fixtures fixtures;

	@Autowired
	JsonMapper json;

	MockMvc mvc;

	@BeforeEach
	void setUp() {
		mvc = web.mvc();
	}

	@Test
	void aPageFromFourDepartmentsCostsAsManyStatementsAsAPageFromOne() throws Exception {
		Department only = fixtures.department("Radiology Statements One");
		String oneNumber = Fixtures.physicianNumber();
		String one = fixtures.bearer(fixtures.physician("One Department Physician", oneNumber));
		fixtures.study(only, "Statements^Single", LocalDate.of(2026, 3, 1), oneNumber);
		String manyNumber = Fixtures.physicianNumber();
		UserId manyPhysician = fixtures.physician("Four Departments Physician", manyNumber);
		String many = fixtures.bearer(manyPhysician);
		List<String> codes = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			Department department = fixtures.department("Radiology Statements " + i);
			codes.add(department.code().value());
			fixtures.study(department, "Statements^Many" + i, LocalDate.of(2026, 3, 2 + i), manyNumber);
		}
		// a study of another physician in the first department: not his to list
		fixtures.study(only, "Statements^Other", LocalDate.of(2026, 3, 9), Fixtures.physicianNumber());

		long oneStatements = statements(one);
		long manyStatements = statements(many);

		assertThat(manyStatements).as("statements for a page from 4 departments against 1").isEqualTo(oneStatements);
		assertThat(manyStatements).isLessThanOrEqualTo(STATEMENTS_PER_PAGE);
		JsonNode page = list(many).get("items");
		List<String> listed = new ArrayList<>();
		page.forEach(item -> listed.add(item.get("departmentCode").asString()));
		assertThat(listed).as("newest first, each row with its own department's code")
			.containsExactly(codes.get(3), codes.get(2), codes.get(1), codes.get(0));
		JsonNode single = list(one).get("items");
		assertThat(single).hasSize(1);
		assertThat(single.get(0).get("departmentCode").asString()).isEqualTo(only.code().value());
		assertThat(single.get(0).get("patientName").asString()).isEqualTo("Statements^Single");
	}

	/**
	 * The statements of one request, the fewest of three (a bearer token's last use is
	 * written at most once a minute, by whichever request comes).
	 */
	private long statements(String bearer) throws Exception {
		long fewest = Long.MAX_VALUE;
		for (int i = 0; i < 3; i++) {
			try (SqlStatements statements = SqlStatements.onThisThread()) {
				list(bearer);
				fewest = Math.min(fewest, statements.count());
			}
		}
		return fewest;
	}

	private JsonNode list(String bearer) throws Exception {
		MockHttpServletResponse response = mvc.perform(get("/api/v1/studies?limit=100").header("Authorization", bearer))
			.andReturn()
			.getResponse();
		assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
		return json.readTree(response.getContentAsString());
	}

}
