package org.studygate.refcode.web;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.studygate.NotFoundException;
import org.studygate.archive.Archive;
import org.studygate.department.Department;
import org.studygate.directory.Actor;
import org.studygate.refcode.LoginResult;
import org.studygate.refcode.PatientLogin;
import org.studygate.refcode.PatientView;
import org.studygate.ris.PatientReports;
import org.studygate.study.StudyId;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The patient pages (docs/product/05-workflows.md): the sign-in with code and birth date,
 * on the general page or the department's branded one, the second step, and the code
 * session's studies. Every failure shows the same message with the same status.
 */
@Controller
class PatientController {

	private final PatientLogin login;

	private final PatientView view;

	private final Archive archive;

	private final PatientReports reports;

	PatientController(PatientLogin login, PatientView view, Archive archive, PatientReports reports) {
		this.login = login;
		this.view = view;
		this.archive = archive;
		this.reports = reports;
	}

	@GetMapping("/patient")
	String loginPage(Model model) {
		return loginPage(null, null, model);
	}

	@GetMapping("/patient/{departmentCode}")
	String brandedLoginPage(@PathVariable String departmentCode, Model model) {
		Department department = login.department(departmentCode).orElseThrow(() -> new NotFoundException("department"));
		return loginPage(department, null, model);
	}

	@PostMapping("/patient/login")
	String login(@RequestParam(required = false) String referenceNumber,
			@RequestParam(required = false) String birthDate, @RequestParam(required = false) String department,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		Optional<Department> branded = department == null || department.isBlank() ? Optional.empty()
				: login.department(department);
		LoginResult result = login.login(referenceNumber, PatientSessions.date(birthDate),
				branded.map(d -> d.code().value()).orElse(null), request.getRemoteAddr());
		if (result instanceof LoginResult.Verified verified) {
			PatientSessions.signIn(request, response, verified);
			return "redirect:/patient/studies";
		}
		if (result instanceof LoginResult.OtpSent) {
			PatientSessions.pending(request, result);
			return "redirect:/patient/otp";
		}
		if (result instanceof LoginResult.PaymentNeeded) {
			PatientSessions.pending(request, result);
			return "redirect:/patient/pay";
		}
		if (result instanceof LoginResult.PincodeNeeded) {
			PatientSessions.pending(request, result);
			return "redirect:/patient/pincode";
		}
		return loginPage(branded.orElse(null),
				result instanceof LoginResult.NotArrived ? "patient.notAvailable" : "patient.failed", model);
	}

	private String loginPage(Department department, String problem, Model model) {
		model.addAttribute("department", department);
		model.addAttribute("problem", problem);
		return "patient/login";
	}

	@GetMapping("/patient/otp")
	String otpPage(HttpServletRequest request, Model model) {
		return stepPage(request, "OTP", null, model);
	}

	@PostMapping("/patient/otp")
	String otp(@RequestParam(required = false) String otp, HttpServletRequest request, HttpServletResponse response,
			Model model) {
		PatientSessions.Pending pending = PatientSessions.pending(request, "OTP");
		if (pending == null) {
			return "redirect:/patient";
		}
		return afterStep(login.verifyOtp(pending.code(), otp), "OTP", request, response, model);
	}

	@GetMapping("/patient/pay")
	String payPage(HttpServletRequest request, Model model) {
		return stepPage(request, "PAYMENT", null, model);
	}

	@PostMapping("/patient/pay")
	String pay(HttpServletRequest request, HttpServletResponse response, Model model) {
		PatientSessions.Pending pending = PatientSessions.pending(request, "PAYMENT");
		if (pending == null) {
			return "redirect:/patient";
		}
		LoginResult result = login.pay(pending.code());
		if (result instanceof LoginResult.PincodeNeeded) {
			PatientSessions.pending(request, result);
			return "redirect:/patient/pincode";
		}
		return stepPage(request, "PAYMENT", "patient.failed", model);
	}

	@GetMapping("/patient/pincode")
	String pincodePage(HttpServletRequest request, Model model) {
		return stepPage(request, "PINCODE", null, model);
	}

	@PostMapping("/patient/pincode")
	String pincode(@RequestParam(required = false) String pincode, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		PatientSessions.Pending pending = PatientSessions.pending(request, "PINCODE");
		if (pending == null) {
			return "redirect:/patient";
		}
		return afterStep(login.verifyPincode(pending.code(), pincode), "PINCODE", request, response, model);
	}

	private String afterStep(LoginResult result, String step, HttpServletRequest request, HttpServletResponse response,
			Model model) {
		if (result instanceof LoginResult.Verified verified) {
			PatientSessions.signIn(request, response, verified);
			return "redirect:/patient/studies";
		}
		return stepPage(request, step, "patient.failed", model);
	}

	private String stepPage(HttpServletRequest request, String step, String problem, Model model) {
		PatientSessions.Pending pending = PatientSessions.pending(request, step);
		if (pending == null) {
			return "redirect:/patient";
		}
		model.addAttribute("pending", pending);
		model.addAttribute("problem", problem);
		return "patient/step";
	}

	@GetMapping("/patient/studies")
	String studies(Actor actor, Model model) {
		model.addAttribute("studies", view.studies(actor));
		model.addAttribute("signedIn", true);
		return "patient/studies";
	}

	@GetMapping("/patient/studies/{id}")
	String study(Actor actor, @PathVariable StudyId id, Model model) {
		PatientView.PatientStudy study = view.study(actor, id);
		model.addAttribute("view", study);
		model.addAttribute("images", archive.images(actor, study.study()));
		model.addAttribute("report",
				study.reportShown() ? reports.onPatientPage(actor, study.study()).orElse(null) : null);
		model.addAttribute("signedIn", true);
		return "patient/study";
	}

}
