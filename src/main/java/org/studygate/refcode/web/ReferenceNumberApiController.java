package org.studygate.refcode.web;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.studygate.directory.Actor;
import org.studygate.refcode.IssuedCode;
import org.studygate.refcode.NewReferenceNumber;
import org.studygate.refcode.PatientLogin;
import org.studygate.refcode.ReferenceNumberId;
import org.studygate.refcode.ReferenceNumberLine;
import org.studygate.refcode.ReferenceNumbers;
import org.studygate.study.StudyId;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reference numbers in the REST API (docs/product/09-api-contract.md): a RIS delivers or
 * asks for a study's code, those who manage access list, withdraw, unblock and regenerate
 * codes and mark payments; staff claim a study with its code and the patient's birth
 * date. Codes travel only in request and answer bodies.
 */
@RestController
@RequestMapping("/api/v1")
class ReferenceNumberApiController {

	private final ReferenceNumbers referenceNumbers;

	private final PatientLogin login;

	ReferenceNumberApiController(ReferenceNumbers referenceNumbers, PatientLogin login) {
		this.referenceNumbers = referenceNumbers;
		this.login = login;
	}

	record CodeBody(String code, LocalDate validFrom, LocalDate validTo) {

		@Override
		public String toString() {
			return "CodeBody[code=(hidden)]";
		}

	}

	@PostMapping("/studies/{id}/reference-numbers")
	ResponseEntity<IssuedCode> add(Actor actor, @PathVariable StudyId id,
			@RequestBody(required = false) CodeBody body) {
		CodeBody given = body == null ? new CodeBody(null, null, null) : body;
		IssuedCode issued = referenceNumbers.add(actor, id,
				new NewReferenceNumber(given.code(), given.validFrom(), given.validTo()));
		return ResponseEntity.created(URI.create("/api/v1/studies/" + id + "/reference-numbers/" + issued.id()))
			.body(issued);
	}

	@GetMapping("/studies/{id}/reference-numbers")
	List<ReferenceNumberLine> list(Actor actor, @PathVariable StudyId id) {
		return referenceNumbers.lines(actor, id);
	}

	@DeleteMapping("/studies/{id}/reference-numbers/{rid}")
	ResponseEntity<Void> withdraw(Actor actor, @PathVariable StudyId id, @PathVariable ReferenceNumberId rid) {
		referenceNumbers.withdraw(actor, id, rid);
		return ResponseEntity.noContent().build();
	}

	/** The RIS-delivered codes to replace too; the others are kept. */
	record RegenerateBody(List<UUID> replaceRis) {

	}

	@PostMapping("/studies/{id}/reference-numbers/regenerate")
	List<IssuedCode> regenerate(Actor actor, @PathVariable StudyId id,
			@RequestBody(required = false) RegenerateBody body) {
		return referenceNumbers.regenerate(actor, id,
				body == null || body.replaceRis() == null ? Set.of() : Set.copyOf(body.replaceRis()));
	}

	@PostMapping("/studies/{id}/reference-numbers/{rid}/unblock")
	ResponseEntity<Void> unblock(Actor actor, @PathVariable StudyId id, @PathVariable ReferenceNumberId rid) {
		referenceNumbers.unblock(actor, id, rid);
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/studies/{id}/reference-numbers/{rid}/reveal")
	IssuedCode reveal(Actor actor, @PathVariable StudyId id, @PathVariable ReferenceNumberId rid) {
		return referenceNumbers.reveal(actor, id, rid);
	}

	@PostMapping("/studies/{id}/payment-received")
	ResponseEntity<Void> paymentReceived(Actor actor, @PathVariable StudyId id) {
		referenceNumbers.markPaymentReceived(actor, id);
		return ResponseEntity.noContent().build();
	}

	record ClaimBody(String referenceNumber, LocalDate birthDate) {

		@Override
		public String toString() {
			return "ClaimBody[referenceNumber=(hidden)]";
		}

	}

	record Claimed(List<String> studyIds) {

	}

	/**
	 * Adds the code's studies to the caller's explore page; 401 with one body for any
	 * failure.
	 */
	@PostMapping("/claims")
	ResponseEntity<?> claim(Actor actor, @RequestBody ClaimBody body, HttpServletRequest request) {
		List<StudyId> claimed = body == null ? List.of()
				: login.claim(actor, body.referenceNumber(), body.birthDate(), request.getRemoteAddr());
		if (claimed.isEmpty()) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY,
					"The reference number and birth date do not open a study.");
			problem.setTitle("Claim refused");
			return ResponseEntity.status(HttpStatus.UNPROCESSABLE_ENTITY).body(problem);
		}
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(new Claimed(claimed.stream().map(StudyId::toString).toList()));
	}

}
