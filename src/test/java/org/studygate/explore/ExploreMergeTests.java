package org.studygate.explore;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.studygate.Fixtures;
import org.studygate.StudygateTest;
import org.studygate.WebFixture;
import org.studygate.access.GrantOrigin;
import org.studygate.access.GrantScope;
import org.studygate.access.Grants;
import org.studygate.access.NewGrant;
import org.studygate.access.SubjectType;
import org.studygate.department.Department;
import org.studygate.directory.Actor;
import org.studygate.directory.GroupId;
import org.studygate.directory.UserId;
import org.studygate.study.StudyId;
import org.studygate.study.StudyOrders;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The explore list merges a physician's ways in, each read newest first
 * (docs/decisions/070-explore-list-as-a-merge-of-ordered-paths.md), and lists exactly
 * what it listed before: his own and copied studies, his two practice colleagues' (a
 * study of both listed once), his grants and his practice's, each once (a study reached
 * twice, or requested by and copied to him, too), newest first across pages, without
 * cancelled studies and without the study he is excluded from; the patient filter applies
 * to every way in.
 */
@StudygateTest
class ExploreMergeTests {

	@Autowired
	WebFixture web;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Grants grants;

	@Autowired
	StudyOrders orders;

	@Autowired
	JsonMapper json;

	int day;

	@Test
	void aPhysicianPagesThroughEveryWayInOnceNewestFirstWithoutCancelledOrExcludedStudies() throws Exception {
		Department department = fixtures.department("Radiology Merge");
		UserId admin = fixtures.sourceAdmin(department, "Merge Admin");
		String mine = Fixtures.physicianNumber();
		String colleague = Fixtures.physicianNumber();
		UserId physician = fixtures.physician("Dr Merge", mine);
		String second = Fixtures.physicianNumber();
		GroupId practice = fixtures.practice("Merge Practice", physician, fixtures.physician("Dr Colleague", colleague),
				fixtures.physician("Dr Second", second));
		String patient = "Mergepatient" + Fixtures.unique().toLowerCase();
		Set<StudyId> expected = new HashSet<>();
		Set<StudyId> named = new HashSet<>();
		Actor giver = fixtures.actor(admin);
		for (int i = 0; i < 9; i++) {
			StudyId own = study(department, i % 3 == 0 ? patient : "Other^Patient", mine);
			expected.add(own);
			if (i % 3 == 0) {
				named.add(own);
			}
			expected.add(study(department, "Other^Patient", colleague));
			// the practice's way in holds both colleagues' numbers; a study of both is
			// listed once
			StudyId colleagues = study(department, i % 2 == 0 ? patient : "Other^Patient",
					i % 2 == 0 ? second : colleague, i % 3 == 0 ? colleague : second);
			expected.add(colleagues);
			if (i % 2 == 0) {
				named.add(colleagues);
			}
			StudyId copied = study(department, i % 4 == 0 ? patient : "Other^Patient", "ELSE" + mine, mine);
			expected.add(copied);
			if (i % 4 == 0) {
				named.add(copied);
				// requested by him and copied to him: two rows of his, one line
				StudyId twice = study(department, patient, mine, mine);
				named.add(twice);
				expected.add(twice);
			}
			StudyId granted = study(department, "Other^Patient", Fixtures.physicianNumber());
			grants.grant(giver, granted, new NewGrant(SubjectType.USER, physician.value(), GrantScope.IMAGES, false,
					false, null, null, GrantOrigin.SHARE));
			expected.add(granted);
			StudyId toPractice = study(department, patient, Fixtures.physicianNumber());
			grants.grant(giver, toPractice, new NewGrant(SubjectType.GROUP, practice.value(), GrantScope.IMAGES, false,
					false, null, null, GrantOrigin.SHARE));
			expected.add(toPractice);
			named.add(toPractice);
			// both paths at once: his own study granted to him as well
			grants.grant(giver, own, new NewGrant(SubjectType.USER, physician.value(), GrantScope.IMAGES, false, false,
					null, null, GrantOrigin.SHARE));
			study(department, patient, Fixtures.physicianNumber());
		}
		StudyId cancelled = study(department, patient, mine);
		orders.cancel(giver.asAuditActor(), cancelled, "ordered twice");
		StudyId excluded = study(department, patient, mine);
		exclude(admin, excluded, physician);

		List<String> seen = pages(physician, "/api/v1/studies?limit=7");
		List<String> filtered = pages(physician, "/api/v1/studies?limit=4&patient=" + patient);

		assertThat(seen).doesNotHaveDuplicates()
			.containsExactlyInAnyOrderElementsOf(expected.stream().map(StudyId::toString).toList())
			.doesNotContain(cancelled.toString(), excluded.toString());
		assertThat(filtered).doesNotHaveDuplicates()
			.containsExactlyInAnyOrderElementsOf(named.stream().map(StudyId::toString).toList());
	}

	/** A study of a new day, so that newest first is the reverse order of making. */
	private StudyId study(Department department, String patient, String requester, String... copied) {
		day++;
		return fixtures.study(department, patient, LocalDate.of(2025, 1, 1).plusDays(day / 2), requester, copied);
	}

	private void exclude(UserId admin, StudyId study, UserId user) throws Exception {
		MockHttpServletResponse response = web.mvc()
			.perform(post("/api/v1/studies/" + study + "/exclusions").header("Authorization", fixtures.bearer(admin))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"userId\":\"%s\",\"reason\":\"treated elsewhere\"}".formatted(user)))
			.andReturn()
			.getResponse();
		assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(201);
	}

	/**
	 * Every page until the last, checking that the dates never rise, across pages too.
	 */
	@SuppressWarnings("unchecked")
	private List<String> pages(UserId user, String url) throws Exception {
		String bearer = fixtures.bearer(user);
		List<String> seen = new ArrayList<>();
		String next = null;
		String previousDate = "9999-12-31";
		int pages = 0;
		do {
			MockHttpServletResponse response = web.mvc()
				.perform(get(url + (next == null ? "" : "&after=" + next)).header("Authorization", bearer))
				.andReturn()
				.getResponse();
			assertThat(response.getStatus()).isEqualTo(200);
			Map<String, Object> page = json.readValue(response.getContentAsString(), Map.class);
			for (Map<String, Object> item : (List<Map<String, Object>>) page.get("items")) {
				String date = (String) item.get("studyDate");
				assertThat(date).as("newest first").isLessThanOrEqualTo(previousDate);
				previousDate = date;
				seen.add((String) item.get("id"));
			}
			next = (String) page.get("next");
			pages++;
		}
		while (next != null && pages < 40);
		return seen;
	}

}
