package org.studygate.explore.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.studygate.audit.AuditEntry;
import org.studygate.audit.ChainReport;
import org.studygate.audit.LogFilter;
import org.studygate.audit.LogPage;
import org.studygate.directory.Actor;
import org.studygate.explore.StudyLog;
import org.studygate.study.StudyId;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The access log in the REST API: a study's log (docs/product/09-api-contract.md) and the
 * chain verification.
 */
@RestController
class StudyLogApiController {

	private final StudyLog log;

	StudyLogApiController(StudyLog log) {
		this.log = log;
	}

	record LogList(List<LogItem> items, String next) {

	}

	record LogItem(Instant at, String actorKind, String actorId, String actorName, String channel, String action,
			String outcome, String clientIp, Map<String, String> details) {

		static LogItem of(AuditEntry e) {
			return new LogItem(e.at(), e.actorKind(), e.actorId(), e.actorName(), e.channel(), e.action(), e.outcome(),
					e.clientIp(), e.details().isEmpty() ? null : e.details());
		}

	}

	@GetMapping("/api/v1/studies/{id}/log")
	LogList studyLog(Actor actor, @PathVariable StudyId id, @RequestParam(defaultValue = "100") int limit,
			@RequestParam(required = false) String after, @RequestParam(required = false) String action,
			@RequestParam(required = false) String actorName, @RequestParam(required = false) String channel,
			@RequestParam(required = false) String outcome,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) java.time.LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) java.time.LocalDate to,
			@RequestParam(required = false) String kind) {
		if (limit < 1 || limit > org.studygate.audit.AuditTrail.MAX_PAGE) {
			throw new org.studygate.InvalidInputException("limit",
					"must be between 1 and " + org.studygate.audit.AuditTrail.MAX_PAGE);
		}
		LogPage page = log.entries(actor, id,
				new LogFilter(action, actorName, channel, outcome, from, to, kind).withListedAction(), after, limit);
		return new LogList(page.items().stream().map(LogItem::of).toList(), page.next());
	}

	@GetMapping("/api/v1/admin/audit/verify")
	ChainReport verify(Actor actor, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to) {
		return log.verify(actor, from == null || from.isBlank() ? Instant.EPOCH : instant("from", from, false),
				to == null || to.isBlank() ? Instant.parse("9999-12-31T00:00:00Z") : instant("to", to, true));
	}

	/**
	 * An instant, or a date meaning its start (or, for an end, the start of the next
	 * day), UTC.
	 */
	static Instant instant(String field, String value, boolean end) {
		try {
			if (value.length() == 10) {
				java.time.LocalDate date = java.time.LocalDate.parse(value);
				return (end ? date.plusDays(1) : date).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
			}
			return java.time.OffsetDateTime.parse(value).toInstant();
		}
		catch (java.time.format.DateTimeParseException ex) {
			throw new org.studygate.InvalidInputException(field, "is not a date (YYYY-MM-DD) or an instant");
		}
	}

}
