package org.studygate;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Retries the side effects after commit whose listener failed, such as a notification
 * while the mail server was down: every interval, the failed event publications of the
 * registry go to their listeners again, until they complete. Publications still in
 * progress are left alone; a listener must nevertheless tolerate a repeat (delivery is at
 * least once).
 */
@Component
class FailedEventRetries {

	private static final Logger log = LoggerFactory.getLogger(FailedEventRetries.class);

	private final FailedEventPublications failed;

	private final Duration minimumAge;

	FailedEventRetries(FailedEventPublications failed,
			@Value("${studygate.events.retry-after:PT1M}") Duration minimumAge) {
		this.failed = failed;
		this.minimumAge = minimumAge;
	}

	@Scheduled(fixedDelayString = "${studygate.events.retry-interval:PT1M}",
			initialDelayString = "${studygate.events.retry-interval:PT1M}")
	void retryFailed() {
		try {
			failed.resubmit(ResubmissionOptions.defaults().withMinAge(minimumAge));
		}
		catch (RuntimeException ex) {
			log.warn("Failed side effects could not be resubmitted; next attempt at the next interval", ex);
		}
	}

}
