package org.studygate.explore.web;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.studygate.InvalidInputException;
import org.studygate.audit.FhirDateSearch;
import org.studygate.directory.Actor;
import org.studygate.explore.StudyLog;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /fhir/AuditEvent}: the access log of studies as a FHIR R4 searchset Bundle
 * of IHE BALP AuditEvents (decision 011). Search parameters: {@code entity-identifier} (a
 * Study Instance UID, optionally as {@code urn:dicom:uid|urn:oid:...}), {@code patient}
 * (a patient ID) and {@code date} with the prefixes ge, gt, le, lt or eq, repeatable.
 * Only studies whose log the caller may read are searched.
 */
@RestController
class FhirAuditEventController {

	static final MediaType FHIR_JSON = MediaType.parseMediaType("application/fhir+json;charset=UTF-8");

	private final StudyLog log;

	FhirAuditEventController(StudyLog log) {
		this.log = log;
	}

	@GetMapping("/fhir/AuditEvent")
	ResponseEntity<String> search(Actor actor,
			@RequestParam(name = "entity-identifier", required = false) String entity,
			@RequestParam(required = false) String patient,
			@RequestParam(name = "date", required = false) List<String> dates, HttpServletRequest request) {
		String uid = entity == null || entity.isBlank() ? null : uid(entity.trim());
		String patientId = patient == null || patient.isBlank() ? null : patient.trim();
		if (uid == null && patientId == null) {
			throw new InvalidInputException("entity-identifier", "or patient is required");
		}
		FhirDateSearch period = FhirDateSearch.parse(dates);
		String query = request.getQueryString();
		String self = request.getRequestURL() + (query == null ? "" : "?" + query);
		String bundle = log.fhir(actor, uid, patientId, period.from(), period.to(), self);
		return ResponseEntity.ok().contentType(FHIR_JSON).body(bundle);
	}

	private static String uid(String identifier) {
		String value = identifier.contains("|") ? identifier.substring(identifier.indexOf('|') + 1) : identifier;
		value = value.startsWith("urn:oid:") ? value.substring(8) : value;
		if (!value.matches("[0-9.]{1,64}")) {
			throw new InvalidInputException("entity-identifier", "is not a Study Instance UID");
		}
		return value;
	}

}
