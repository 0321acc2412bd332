package org.studygate.transfer.web;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.studygate.ConflictException;
import org.studygate.InvalidInputException;
import org.studygate.department.Department;
import org.studygate.department.DepartmentId;
import org.studygate.directory.Actor;
import org.studygate.study.StudyId;
import org.studygate.transfer.Destination;
import org.studygate.transfer.DestinationId;
import org.studygate.transfer.DestinationNotAllowed;
import org.studygate.transfer.Destinations;
import org.studygate.transfer.Downloads;
import org.studygate.transfer.Forwards;
import org.studygate.transfer.TransferId;
import org.studygate.transfer.TransferView;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The pages of forward and download: the PACS destinations page (the user's own, and
 * those of the departments he administers), the study page's forward and download
 * buttons, and cancelling a forward from the Access tab. Each action decides through the
 * module API.
 */
@Controller
class TransferController {

	private final Forwards forwards;

	private final Downloads downloads;

	private final Destinations destinations;

	TransferController(Forwards forwards, Downloads downloads, Destinations destinations) {
		this.forwards = forwards;
		this.downloads = downloads;
		this.destinations = destinations;
	}

	@GetMapping("/transfers/destinations")
	String destinations(Actor actor, Model model) {
		model.addAttribute("own", destinations.ownDestinations(actor));
		Map<Department, List<Destination>> departments = new LinkedHashMap<>();
		for (Department department : destinations.managedDepartments(actor)) {
			departments.put(department, destinations.departmentDestinations(actor, department.id()));
		}
		model.addAttribute("departments", departments);
		model.addAttribute("allowListKept", actor.serviceDesk());
		return "transfer/destinations";
	}

	@PostMapping("/transfers/destinations")
	String addOwn(Actor actor, @RequestParam(required = false) String name,
			@RequestParam(required = false) String aeTitle, @RequestParam(required = false) String host,
			@RequestParam(required = false) String port, @RequestParam(required = false) String url,
			@RequestParam(required = false) DepartmentId departmentId, RedirectAttributes redirect) {
		try {
			Destinations.DestinationForm form = new Destinations.DestinationForm(name, aeTitle, host, port(port), url);
			if (departmentId == null) {
				destinations.addOwnDestination(actor, form);
			}
			else {
				destinations.addDepartmentDestination(actor, departmentId, form);
			}
			redirect.addFlashAttribute("notice", "transfer.destination.saved");
		}
		catch (DestinationNotAllowed ex) {
			redirect.addFlashAttribute("problem", "transfer.invalid.notAllowed");
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("problem", "transfer.invalid." + ex.field());
		}
		return "redirect:/transfers/destinations";
	}

	@PostMapping("/transfers/destinations/{id}/remove")
	String remove(Actor actor, @PathVariable DestinationId id, RedirectAttributes redirect) {
		destinations.removeDestination(actor, id);
		redirect.addFlashAttribute("notice", "transfer.destination.removed");
		return "redirect:/transfers/destinations";
	}

	@PostMapping("/transfers/destinations/{id}/test")
	String test(Actor actor, @PathVariable DestinationId id, RedirectAttributes redirect) {
		try {
			destinations.test(actor, id).ifPresentOrElse(error -> {
				redirect.addFlashAttribute("problem", "transfer.test.failed");
				redirect.addFlashAttribute("testError", error);
			}, () -> redirect.addFlashAttribute("notice", "transfer.test.ok"));
		}
		catch (DestinationNotAllowed ex) {
			redirect.addFlashAttribute("problem", "transfer.invalid.notAllowed");
		}
		return "redirect:/transfers/destinations";
	}

	@PostMapping("/studies/{id}/forward")
	String forward(Actor actor, @PathVariable StudyId id, @RequestParam(required = false) DestinationId destinationId,
			RedirectAttributes redirect) {
		if (destinationId == null) {
			redirect.addFlashAttribute("problem", "transfer.invalid.destinationId");
			return "redirect:/studies/" + id;
		}
		try {
			forwards.forward(actor, id, destinationId);
			redirect.addFlashAttribute("notice", "transfer.forward.queued");
		}
		catch (DestinationNotAllowed ex) {
			redirect.addFlashAttribute("problem", "transfer.invalid.notAllowed");
		}
		return "redirect:/studies/" + id;
	}

	@GetMapping("/studies/{id}/download")
	void download(Actor actor, @PathVariable StudyId id, @RequestParam(required = false) String format,
			HttpServletResponse response) throws IOException {
		ZipDownload.stream(downloads, actor, id, format, response);
	}

	@PostMapping("/transfers/{id}/cancel")
	String cancel(Actor actor, @PathVariable TransferId id, RedirectAttributes redirect) {
		TransferView view;
		try {
			view = forwards.cancel(actor, id);
			redirect.addFlashAttribute("notice", "transfer.cancel.done");
		}
		catch (ConflictException ex) {
			view = forwards.find(actor, id);
			redirect.addFlashAttribute("problem", "transfer.cancel.ended");
		}
		return "redirect:/studies/" + view.studyId() + "/access";
	}

	private static Integer port(String port) {
		if (port == null || port.isBlank()) {
			return null;
		}
		try {
			return Integer.valueOf(port.strip());
		}
		catch (NumberFormatException ex) {
			throw new InvalidInputException("port", "must be a number");
		}
	}

}
