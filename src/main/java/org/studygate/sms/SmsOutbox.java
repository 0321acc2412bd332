package org.studygate.sms;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Without a gateway: keeps the last 100 messages in memory only (never in the database or
 * the log), for the demo page that shows the messages that would have been sent.
 */
public class SmsOutbox implements SmsPort {

	private static final Logger log = LoggerFactory.getLogger(SmsOutbox.class);

	private static final int KEPT = 100;

	private final Deque<Sent> sent = new ArrayDeque<>();

	private final Clock clock;

	SmsOutbox(Clock clock) {
		this.clock = clock;
	}

	/** A message kept for the demo page. */
	public record Sent(Instant at, SmsMessage message) {

	}

	@Override
	public synchronized void send(SmsMessage message) {
		sent.addFirst(new Sent(clock.instant(), message));
		while (sent.size() > KEPT) {
			sent.removeLast();
		}
		log.info("No SMS gateway configured (studygate.sms.gateway-url): kept a message to {} for the demo page",
				message.maskedTo());
	}

	@Override
	public boolean delivers() {
		return false;
	}

	/** The messages kept, newest first. */
	public synchronized List<Sent> recent() {
		return List.copyOf(sent);
	}

}
