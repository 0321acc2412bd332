package org.studygate.refcode.web;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.studygate.StudygateProperties;
import org.studygate.department.Department;
import org.studygate.department.Departments;
import org.studygate.directory.Actor;
import org.studygate.refcode.IssuedCode;
import org.studygate.refcode.ReferenceNumberLine;
import org.studygate.refcode.ReferenceNumbers;
import org.studygate.study.Studies;
import org.studygate.study.StudyId;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * "Regenerate reference numbers" on the Access tab (docs/guide/reference-numbers.md): a
 * confirmation that lists the codes the RIS delivered (kept unless ticked) or says that
 * the department's policy makes no codes, then the new codes shown this once, each as a
 * letter for the patient that prints at once.
 */
@Controller
class RegenerateController {

	private final ReferenceNumbers referenceNumbers;

	private final Studies studies;

	private final Departments departments;

	private final StudygateProperties properties;

	RegenerateController(ReferenceNumbers referenceNumbers, Studies studies, Departments departments,
			StudygateProperties properties) {
		this.referenceNumbers = referenceNumbers;
		this.studies = studies;
		this.departments = departments;
		this.properties = properties;
	}

	/**
	 * One printable letter: the department, its patient login address, the code and its
	 * last day.
	 */
	record Letter(String department, String address, String code, Instant validTo, ZoneId zone) {

	}

	@GetMapping("/studies/{id}/reference-numbers/regenerate")
	String confirm(Actor actor, @PathVariable StudyId id, Model model) {
		List<ReferenceNumberLine> ris = referenceNumbers.lines(actor, id)
			.stream()
			.filter(l -> l.bucket() == null && l.inUse() && "RIS".equals(l.origin()))
			.toList();
		model.addAttribute("studyId", id);
		model.addAttribute("regenerates", referenceNumbers.regenerates(actor, id));
		model.addAttribute("ris", ris);
		model.addAttribute("zone", zone(id));
		return "refcode/regenerate";
	}

	@PostMapping("/studies/{id}/reference-numbers/regenerate")
	String regenerate(Actor actor, @PathVariable StudyId id,
			@RequestParam(name = "replaceRis", required = false) List<UUID> replaceRis, Model model) {
		List<IssuedCode> codes = referenceNumbers.regenerate(actor, id,
				replaceRis == null ? Set.of() : Set.copyOf(replaceRis));
		Map<UUID, ReferenceNumberLine> lines = referenceNumbers.lines(actor, id)
			.stream()
			.collect(Collectors.toMap(ReferenceNumberLine::id, Function.identity()));
		Department department = studies.find(id).flatMap(s -> departments.find(s.departmentId())).orElseThrow();
		String address = properties.publicUrl().replaceAll("/+$", "") + "/patient/" + department.code().value();
		model.addAttribute("studyId", id);
		model.addAttribute("codes", codes);
		model.addAttribute("letters",
				codes.stream()
					.map(c -> new Letter(department.name(), address, c.code(),
							lines.containsKey(c.id()) ? lines.get(c.id()).validTo() : null, department.timeZone()))
					.toList());
		model.addAttribute("heading", "refcode.regenerated");
		return "refcode/codes";
	}

	private ZoneId zone(StudyId id) {
		return studies.find(id)
			.flatMap(s -> departments.find(s.departmentId()))
			.map(Department::timeZone)
			.orElse(ZoneId.of("UTC"));
	}

}
