package org.studygate.explore.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.studygate.InvalidInputException;
import org.studygate.directory.Actor;
import org.studygate.explore.StudyLog;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /fhir/AuditEvent}: the access log of studies as a FHIR R4 searchset Bundle of IHE BALP
 * AuditEvents (decision 011). Search parameters: {@code entity-identifier} (a Study Instance UID,
 * optionally as {@code urn:dicom:uid|urn:oid:...}), {@code patient} (a patient ID) and {@code date}
 * with the prefixes ge, gt, le, lt or eq, repeatable. Only studies whose log the caller may read
 * are searched.
 */
@RestController
class FhirAuditEventController {

	static final MediaType FHIR_JSON = MediaType.parseMediaType("application/fhir+json;charset=UTF-8");

	private final StudyLog log;

	FhirAuditEventController(StudyLog log) {
		this.log = log;
	}

	@GetMapping("/fhir/AuditEvent")
	ResponseEntity<String> search(Actor actor, @RequestParam(name = "entity-identifier", required = false) String entity,
			@RequestParam(required = false) String patient, @RequestParam(name = "date", required = false) List<String> dates,
			HttpServletRequest request) {
		String uid = entity == null || entity.isBlank() ? null : uid(entity.trim());
		String patientId = patient == null || patient.isBlank() ? null : patient.trim();
		if (uid == null && patientId == null) {
			throw new InvalidInputException("entity-identifier", "or patient is required");
		}
		Instant from = Instant.EPOCH;
		Instant to = Instant.parse("9999-12-31T00:00:00Z");
		for (String date : dates == null ? List.<String>of() : dates) {
			if (date.length() < 4) {
				throw new InvalidInputException("date", "is not a FHIR date search");
			}
			String prefix = Character.isLetter(date.charAt(0)) ? date.substring(0, 2) : "eq";
			String value = Character.isLetter(date.charAt(0)) ? date.substring(2) : date;
			Instant start = start(value);
			Instant end = end(value, start);
			switch (prefix) {
				case "ge" -> from = later(from, start);
				case "gt" -> from = later(from, end);
				case "le" -> to = earlier(to, end);
				case "lt" -> to = earlier(to, start);
				case "eq" -> {
					from = later(from, start);
					to = earlier(to, end);
				}
				default -> throw new InvalidInputException("date", "prefix must be ge, gt, le, lt or eq");
			}
		}
		String query = request.getQueryString();
		String self = request.getRequestURL() + (query == null ? "" : "?" + query);
		String bundle = log.fhir(actor, uid, patientId, from, to.isAfter(from) ? to : from, self);
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

	private static Instant start(String value) {
		try {
			if (value.length() == 10) {
				return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
			}
			return OffsetDateTime.parse(value).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw new InvalidInputException("date", "is not a FHIR date or dateTime");
		}
	}

	/** The end of the precision given: a date covers its whole day. */
	private static Instant end(String value, Instant start) {
		return value.length() == 10 ? start.plusSeconds(86_400) : start.plusMillis(1);
	}

	private static Instant later(Instant a, Instant b) {
		return a.isAfter(b) ? a : b;
	}

	private static Instant earlier(Instant a, Instant b) {
		return a.isBefore(b) ? a : b;
	}

}
