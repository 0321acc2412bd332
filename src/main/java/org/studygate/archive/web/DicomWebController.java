package org.studygate.archive.web;

import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.studygate.archive.Archive;
import org.studygate.archive.ArchiveUnavailableException;
import org.studygate.archive.BadWindowException;
import org.studygate.directory.Actor;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The DICOMweb gateway for viewers and integrations: QIDO-RS and WADO-RS under
 * {@code /dicomweb}, answered from the registry and the archive only as far as the
 * decision point permits. Takes the request's {@link Actor} whatever signed it in: a
 * bearer token, a staff session or a patient session.
 */
@RestController
class DicomWebController {

	private final Archive archive;

	private final JsonMapper json;

	DicomWebController(Archive archive, JsonMapper json) {
		this.archive = archive;
		this.json = json;
	}

	@GetMapping("/dicomweb/studies")
	void studies(Actor actor, @RequestParam Map<String, String> parameters, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		List<Map<String, Object>> page = archive.searchStudies(actor, new LinkedHashMap<>(parameters),
				gatewayUrl(request));
		response.setStatus(HttpServletResponse.SC_OK);
		response.setContentType("application/dicom+json");
		json.writeValue(response.getOutputStream(), page);
	}

	@GetMapping("/dicomweb/studies/{studyInstanceUid}/**")
	void study(Actor actor, @PathVariable String studyInstanceUid, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		String prefix = "/dicomweb/studies/" + studyInstanceUid;
		String subPath = path.length() >= prefix.length() ? path.substring(prefix.length()) : "";
		if (subPath.endsWith("/")) {
			subPath = subPath.substring(0, subPath.length() - 1);
		}
		Archive.Sink sink = (status, contentType, length) -> {
			response.setStatus(status);
			if (contentType != null) {
				response.setContentType(contentType);
			}
			length.ifPresent(response::setContentLengthLong);
			OutputStream out = response.getOutputStream();
			return out;
		};
		if (subPath.equals("/series") || subPath.equals("/instances") || subPath.matches("/series/[0-9.]+/instances")) {
			archive.query(actor, studyInstanceUid, subPath, request.getQueryString(), gatewayUrl(request), sink);
		}
		else {
			archive.retrieve(actor, studyInstanceUid, subPath, request.getQueryString(), request.getHeader("Accept"),
					gatewayUrl(request), sink);
		}
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> unavailable(ArchiveUnavailableException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"The image archive is temporarily unavailable.");
		problem.setTitle("Archive unavailable");
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "30").body(problem);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> badWindow(BadWindowException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
		problem.setTitle("Invalid window");
		return ResponseEntity.badRequest().body(problem);
	}

	/** The gateway's own base URL as the client addressed it. */
	private static String gatewayUrl(HttpServletRequest request) {
		return org.springframework.web.servlet.support.ServletUriComponentsBuilder.fromContextPath(request)
			.path("/dicomweb")
			.build()
			.toUriString();
	}

}
