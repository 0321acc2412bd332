package org.studygate.explore.web;

import java.time.LocalDate;

import org.studygate.audit.LogFilter;
import org.studygate.audit.LogPage;
import org.studygate.directory.Actor;
import org.studygate.explore.AdministrationLog;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The administration log in the REST API: changes to users, memberships and departments,
 * for the service desk and, for their departments, source admins.
 */
@RestController
class AdministrationLogApiController {

	private final AdministrationLog log;

	AdministrationLogApiController(AdministrationLog log) {
		this.log = log;
	}

	@GetMapping("/api/v1/admin/log")
	StudyLogApiController.LogList entries(Actor actor, @RequestParam(defaultValue = "100") int limit,
			@RequestParam(required = false) String after, @RequestParam(required = false) String action,
			@RequestParam(required = false) String actorName, @RequestParam(required = false) String outcome,
			@RequestParam(required = false) String department, @RequestParam(required = false) String subject,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
		LogPage page = log.entries(actor, new LogFilter(action, actorName, null, outcome, from, to), department,
				subject, after, limit);
		return new StudyLogApiController.LogList(page.items().stream().map(StudyLogApiController.LogItem::of).toList(),
				page.next());
	}

}
