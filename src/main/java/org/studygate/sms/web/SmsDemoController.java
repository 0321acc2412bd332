package org.studygate.sms.web;

import java.time.Clock;

import org.studygate.NotFoundException;
import org.studygate.directory.Actor;
import org.studygate.sms.DemoMessagesRefused;
import org.studygate.sms.SmsOutbox;
import org.studygate.sms.SmsPort;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * In demo mode only, the text messages that would have been sent (one-time passwords,
 * pincodes), so that the patient journeys can be tried without a gateway; only the
 * service desk sees them, since every message opens a patient's studies (decision 035).
 * Otherwise refused, or not found.
 */
@Controller
class SmsDemoController {

	private final SmsPort sms;

	private final boolean demo;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	SmsDemoController(SmsPort sms, @Value("${studygate.demo:false}") boolean demo, ApplicationEventPublisher events,
			Clock clock) {
		this.sms = sms;
		this.demo = demo;
		this.events = events;
		this.clock = clock;
	}

	@GetMapping("/demo/messages")
	String messages(Actor actor, Model model) {
		if (!actor.serviceDesk()) {
			events.publishEvent(new DemoMessagesRefused(clock.instant(), actor.asAuditActor()));
			throw new AccessDeniedException("the demo messages are for the service desk");
		}
		if (!demo || !(sms instanceof SmsOutbox outbox)) {
			throw new NotFoundException("page");
		}
		model.addAttribute("messages", outbox.recent());
		return "sms/messages";
	}

}
