package org.studygate.explore.web;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.studygate.InvalidInputException;
import org.studygate.NotFoundException;
import org.studygate.department.Departments;
import org.studygate.directory.Actor;
import org.studygate.directory.Directory;
import org.studygate.directory.Users;
import org.studygate.explore.Explore;
import org.studygate.study.Registered;
import org.studygate.study.Registrations;
import org.studygate.study.StudyFilter;
import org.studygate.study.StudyId;
import org.studygate.study.StudySummary;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The study API's binding, status codes and answer shapes, with the module APIs mocked
 * (security filters are left out: the full-context tests cover them).
 */
@WebMvcTest(StudyApiController.class)
@AutoConfigureMockMvc(addFilters = false)
class StudyApiControllerSliceTests {

	@Autowired
	MockMvc mvc;

	@MockitoBean
	Explore explore;

	@MockitoBean
	Registrations registrations;

	@MockitoBean
	Departments departments;

	@MockitoBean
	Directory directory;

	@MockitoBean
	Users users;

	@Test
	void bindsTheFiltersAndAnswersTheListShape() throws Exception {
		StudyId id = StudyId.random();
		StudySummary row = new StudySummary(id, "1.2.3", "ACC9", UUID.randomUUID(), "RAD-NORTH",
				LocalDate.of(2026, 4, 2), LocalDateTime.of(2026, 4, 2, 9, 30), "CT", "CT brain", "Maes^Anna", "P1",
				LocalDate.of(1960, 1, 1), false);
		StudyFilter expected = new StudyFilter("maes", LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), "CT",
				"RAD-NORTH", "ACC9");
		given(explore.list(any(Actor.class), eq(expected), eq("cursor-1"), eq(20), eq("API")))
			.willReturn(new Explore.Page(List.of(row), true, "cursor-2"));

		mvc.perform(get("/api/v1/studies").param("patient", "maes")
			.param("from", "2026-01-01")
			.param("to", "2026-12-31")
			.param("modality", "CT")
			.param("department", "RAD-NORTH")
			.param("accession", "ACC9")
			.param("after", "cursor-1")
			.param("limit", "20"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items[0].id").value(id.toString()))
			.andExpect(jsonPath("$.items[0].studyDate").value("2026-04-02"))
			.andExpect(jsonPath("$.items[0].patientName").value("Maes^Anna"))
			.andExpect(jsonPath("$.items[0].departmentCode").value("RAD-NORTH"))
			.andExpect(jsonPath("$.next").value("cursor-2"));
	}

	@Test
	void answersProblemDetailNamingAMalformedDate() throws Exception {
		mvc.perform(get("/api/v1/studies").param("from", "02/01/2026"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.field").value("from"));
		verify(explore, never()).list(any(), any(), any(), anyInt(), any());
	}

	@Test
	void answersNotFoundWhenTheDecisionPointHidesTheStudy() throws Exception {
		given(explore.open(any(Actor.class), any(StudyId.class), eq("API"))).willThrow(new NotFoundException("study"));

		mvc.perform(get("/api/v1/studies/" + UUID.randomUUID()))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.title").value("Not found"))
			.andExpect(jsonPath("$.detail").value("Nothing you may see has this identifier."));
	}

	@Test
	void answersCreatedForANewStudyAndOkForAKnownOne() throws Exception {
		StudyId id = StudyId.random();
		String body = """
				{"studyInstanceUid":"1.2.3.4","departmentCode":"RAD","studyDate":"2026-01-02","modality":"CT",
				 "patient":{"patientId":"P1","name":"Maes^Anna","birthDate":"1960-01-01"}}
				""";
		given(registrations.register(any(Actor.class), any())).willReturn(new Registered(id, true),
				new Registered(id, false));

		mvc.perform(post("/api/v1/studies").contentType(MediaType.APPLICATION_JSON).content(body))
			.andExpect(status().isCreated())
			.andExpect(header().string("Location", "/api/v1/studies/" + id))
			.andExpect(jsonPath("$.id").value(id.toString()));
		mvc.perform(post("/api/v1/studies").contentType(MediaType.APPLICATION_JSON).content(body))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.id").value(id.toString()));
	}

	@Test
	void reportsTheFieldAModuleRefused() throws Exception {
		given(explore.list(any(Actor.class), any(), isNull(), anyInt(), any()))
			.willThrow(new InvalidInputException("department", "must have at most 32 characters"));

		mvc.perform(get("/api/v1/studies"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.field").value("department"))
			.andExpect(jsonPath("$.detail").value("department must have at most 32 characters"));
	}

	@Test
	void refusesALimitAboveOneHundredWithoutAskingTheModule() throws Exception {
		given(directory.actorOf(any())).willReturn(Optional.empty());
		mvc.perform(get("/api/v1/studies").param("limit", "101"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.field").value("limit"));
		verify(explore, never()).list(any(), any(), any(), anyInt(), any());
	}

}
