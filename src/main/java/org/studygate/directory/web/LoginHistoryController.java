package org.studygate.directory.web;

import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.List;

import org.studygate.directory.Actor;
import org.studygate.directory.LoginHistory;
import org.studygate.directory.LoginOutcome;
import org.studygate.directory.StaffAuthentication;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** {@code /my/logins}: the logged-in user's own login history. */
@Controller
class LoginHistoryController {

	private final StaffAuthentication authentication;

	private final Clock clock;

	LoginHistoryController(StaffAuthentication authentication, Clock clock) {
		this.authentication = authentication;
		this.clock = clock;
	}

	record Row(ZonedDateTime at, String clientIp, String channel, String outcome, boolean failed, String provider) {

	}

	@GetMapping("/my/logins")
	String logins(Actor actor, @RequestParam(defaultValue = "0") int page, Model model) {
		if (!actor.isUser()) {
			throw new AccessDeniedException("only staff users have a login history");
		}
		LoginHistory history = authentication.history(actor.userId(), page);
		List<Row> rows = history.entries()
			.stream()
			.map(e -> new Row(e.at().atZone(clock.getZone()), e.clientIp(), e.channel().name(), e.outcome().name(),
					e.outcome() != LoginOutcome.SUCCESS, e.provider()))
			.toList();
		model.addAttribute("rows", rows);
		model.addAttribute("page", history.page());
		model.addAttribute("more", history.more());
		return "my/logins";
	}

}
