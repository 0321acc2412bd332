package org.studygate.explore.web;

import java.net.URI;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;

import org.studygate.department.DepartmentId;
import org.studygate.department.Departments;
import org.studygate.directory.Actor;
import org.studygate.explore.Explore;
import org.studygate.study.Registrations;
import org.studygate.study.Studies;
import org.studygate.study.Study;
import org.studygate.study.StudyFilter;
import org.studygate.study.StudyId;
import org.studygate.study.StudyRegistration;
import org.studygate.study.StudySummary;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The study resources of the REST API (docs/product/09-api-contract.md). */
@RestController
@RequestMapping("/api/v1/studies")
class StudyApiController {

	private final Explore explore;

	private final Registrations registrations;

	private final Departments departments;

	StudyApiController(Explore explore, Registrations registrations, Departments departments) {
		this.explore = explore;
		this.registrations = registrations;
		this.departments = departments;
	}

	/** A list answer: {@code {"items": [...], "next": cursor-or-null}}. */
	record StudyList(List<StudyItem> items, String next) {

	}

	record StudyItem(String id, String studyInstanceUid, String accessionNumber, String departmentCode,
			LocalDate studyDate, String modality, String description, String patientName, String patientId) {

		static StudyItem of(StudySummary s) {
			return new StudyItem(s.id().toString(), s.studyInstanceUid(), s.accessionNumber(), s.departmentCode(),
					s.studyDate(), s.modality(), s.description(), s.patientName(), s.patientId());
		}

	}

	@GetMapping
	StudyList list(Actor actor, @RequestParam(required = false) String patient,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
			@RequestParam(required = false) String modality, @RequestParam(required = false) String department,
			@RequestParam(required = false) String accession, @RequestParam(required = false) String after,
			@RequestParam(defaultValue = "100") int limit) {
		if (limit < 1 || limit > Studies.MAX_PAGE) {
			throw new org.studygate.InvalidInputException("limit", "must be between 1 and " + Studies.MAX_PAGE);
		}
		Explore.Page page = explore.list(actor, new StudyFilter(patient, from, to, modality, department, accession),
				after, limit, "API");
		return new StudyList(page.items().stream().map(StudyItem::of).toList(), page.next());
	}

	record StudyDetails(String id, String studyInstanceUid, String accessionNumber, String departmentCode,
			LocalDate studyDate, LocalDateTime performedAt, String modality, String description, int numberOfSeries,
			int numberOfInstances, String reportStatus, boolean cancelled, PatientDetails patient, OrderDetails order,
			String access) {

	}

	record PatientDetails(String patientId, String name, LocalDate birthDate, String sex) {

	}

	record OrderDetails(String orderNumber, String referringPhysicianNumber, Set<String> ccPhysicianNumbers) {

	}

	@GetMapping("/{id}")
	StudyDetails study(Actor actor, @PathVariable StudyId id) {
		Explore.Opened opened = explore.open(actor, id, "API");
		Study s = opened.study();
		String code = departments.find(new DepartmentId(s.departmentId())).map(d -> d.code().value()).orElse(null);
		return new StudyDetails(s.id().toString(), s.studyInstanceUid(), s.accessionNumber(), code, s.studyDate(),
				s.performedAt(), s.modality(), s.description(), s.seriesCount(), s.instanceCount(),
				s.reportStatus().name(), s.cancelled(),
				new PatientDetails(s.patient().patientId(), s.patient().name(), s.patient().birthDate(),
						s.patient().sex()),
				s.order() == null ? null
						: new OrderDetails(s.order().orderNumber(), s.requesterNumber(), s.ccNumbers()),
				opened.permittedBy().path().name());
	}

	/** A registration as RIS and archive integrations send it. */
	record RegisterStudy(String studyInstanceUid, String accessionNumber, String departmentCode, LocalDate studyDate,
			LocalTime studyTime, String modality, String description, Integer numberOfSeries, Integer numberOfInstances,
			StudyRegistration.PatientData patient, StudyRegistration.OrderData order) {

	}

	record RegisteredStudy(String id, String studyInstanceUid, boolean created) {

	}

	@PostMapping
	ResponseEntity<RegisteredStudy> register(Actor actor, @RequestBody RegisterStudy body) {
		if (body == null) {
			throw new org.studygate.InvalidInputException("body", "is required");
		}
		var registered = registrations.register(actor,
				new StudyRegistration(body.studyInstanceUid(), body.accessionNumber(), body.departmentCode(),
						body.studyDate(), body.studyTime(), body.modality(), body.description(), body.numberOfSeries(),
						body.numberOfInstances(), body.patient(), body.order()));
		RegisteredStudy answer = new RegisteredStudy(registered.id().toString(), body.studyInstanceUid(),
				registered.created());
		return registered.created()
				? ResponseEntity.created(URI.create("/api/v1/studies/" + registered.id())).body(answer)
				: ResponseEntity.ok(answer);
	}

}
