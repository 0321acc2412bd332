package org.studygate.refcode.web;

import java.time.LocalDate;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.studygate.directory.Actor;
import org.studygate.refcode.LoginResult;
import org.studygate.refcode.PatientLogin;
import org.studygate.refcode.PatientView;
import org.studygate.study.StudySummary;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The patient login for apps (docs/product/09-api-contract.md):
 * {@code POST /patient/api/login} answers the next step and sets the session cookie;
 * every failure is the same 401 body. The studies come in the answer only when asked for
 * ({@code ?include=studies}). The second step and the studies follow on the same session.
 */
@RestController
@RequestMapping("/patient/api")
class PatientApiController {

	private final PatientLogin login;

	private final PatientView view;

	PatientApiController(PatientLogin login, PatientView view) {
		this.login = login;
		this.view = view;
	}

	record LoginBody(String referenceNumber, String birthDate, String departmentCode) {

		@Override
		public String toString() {
			return "LoginBody[referenceNumber=(hidden)]";
		}

	}

	record StudyItem(String id, String studyInstanceUid, String accessionNumber, String departmentCode,
			LocalDate studyDate, String modality, String description, String patientName) {

		static StudyItem of(StudySummary s) {
			return new StudyItem(s.id().toString(), s.studyInstanceUid(), s.accessionNumber(), s.departmentCode(),
					s.studyDate(), s.modality(), s.description(), s.patientName());
		}

	}

	record Next(String next, String destination, Integer amountCents, List<StudyItem> studies) {

	}

	record SecretBody(String otp, String pincode) {

		@Override
		public String toString() {
			return "SecretBody[(hidden)]";
		}

	}

	@PostMapping("/login")
	ResponseEntity<?> login(@RequestBody(required = false) LoginBody body,
			@RequestParam(name = "include", required = false) String include, HttpServletRequest request,
			HttpServletResponse response) {
		LoginResult result = body == null ? login.login(null, null, null, request.getRemoteAddr())
				: login.login(body.referenceNumber(), PatientSessions.date(body.birthDate()),
						blank(body.departmentCode()), request.getRemoteAddr());
		return answer(result, include, request, response);
	}

	@PostMapping("/otp")
	ResponseEntity<?> otp(@RequestBody(required = false) SecretBody body,
			@RequestParam(name = "include", required = false) String include, HttpServletRequest request,
			HttpServletResponse response) {
		PatientSessions.Pending pending = PatientSessions.pending(request, "OTP");
		if (pending == null) {
			return failed();
		}
		return answer(login.verifyOtp(pending.code(), body == null ? null : body.otp()), include, request, response);
	}

	@PostMapping("/pay")
	ResponseEntity<?> pay(@RequestParam(name = "include", required = false) String include, HttpServletRequest request,
			HttpServletResponse response) {
		PatientSessions.Pending pending = PatientSessions.pending(request, "PAYMENT");
		if (pending == null) {
			return failed();
		}
		return answer(login.pay(pending.code()), include, request, response);
	}

	@PostMapping("/pincode")
	ResponseEntity<?> pincode(@RequestBody(required = false) SecretBody body,
			@RequestParam(name = "include", required = false) String include, HttpServletRequest request,
			HttpServletResponse response) {
		PatientSessions.Pending pending = PatientSessions.pending(request, "PINCODE");
		if (pending == null) {
			return failed();
		}
		return answer(login.verifyPincode(pending.code(), body == null ? null : body.pincode()), include, request,
				response);
	}

	@GetMapping("/studies")
	List<StudyItem> studies(Actor actor) {
		return view.studies(actor).stream().map(StudyItem::of).toList();
	}

	/**
	 * The answer to a step. A signed-in session's studies are listed only when the client
	 * asks for them ({@code ?include=studies}); otherwise it reads them with
	 * {@code GET /patient/api/studies} (decision 066).
	 */
	private ResponseEntity<?> answer(LoginResult result, String include, HttpServletRequest request,
			HttpServletResponse response) {
		if (result instanceof LoginResult.Verified verified) {
			PatientSessions.signIn(request, response, verified);
			if (!"studies".equals(include)) {
				return ResponseEntity.ok(new Next("STUDY", null, null, null));
			}
			Actor actor = verified.actor();
			return ResponseEntity
				.ok(new Next("STUDY", null, null, view.studies(actor).stream().map(StudyItem::of).toList()));
		}
		if (result instanceof LoginResult.OtpSent otp) {
			PatientSessions.pending(request, result);
			return ResponseEntity.ok(new Next("OTP", otp.maskedDestination(), null, null));
		}
		if (result instanceof LoginResult.PaymentNeeded payment) {
			PatientSessions.pending(request, result);
			return ResponseEntity.ok(new Next("PAYMENT", payment.maskedMobile(), payment.amountCents(), null));
		}
		if (result instanceof LoginResult.PincodeNeeded pincode) {
			PatientSessions.pending(request, result);
			return ResponseEntity.ok(new Next("PINCODE", pincode.maskedMobile(), null, null));
		}
		if (result instanceof LoginResult.NotArrived) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
					"The results are not available yet; try again later.");
			problem.setTitle("Results not available yet");
			return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
		}
		return failed();
	}

	/** The one answer to every failure. */
	static ResponseEntity<ProblemDetail> failed() {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
				"The reference number and birth date do not match, or the code can no longer be used.");
		problem.setTitle("Sign-in failed");
		return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(problem);
	}

	private static String blank(String value) {
		return value == null || value.isBlank() ? null : value;
	}

}
