package org.studygate.transfer;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How forwarding jobs run.
 *
 * @param maxAttempts attempts of a forward before it fails for good
 * @param backoff the wait after the first failed attempt; doubled after each further one
 * @param lease how long a worker holds a running job without renewing; a job whose lease
 * ran out lost its worker and is taken again
 * @param pollInterval how often the worker looks for due jobs
 * @param workers how many jobs run at once in one application instance
 * @param timeout how long a destination may take to answer one request
 * @param enabled whether this instance runs forwards at all (the tests run them only in
 * the contexts that test them)
 * @param allowedHosts hosts, {@code .domains} and CIDR ranges users' own destinations may
 * point at, besides those the service desk keeps (decision 033); empty = none from the
 * configuration
 */
@ConfigurationProperties("studygate.transfer")
public record TransferProperties(Integer maxAttempts, Duration backoff, Duration lease, Duration pollInterval,
		Integer workers, Duration timeout, Boolean enabled, java.util.List<String> allowedHosts) {

	public TransferProperties {
		maxAttempts = maxAttempts == null || maxAttempts < 1 ? 3 : maxAttempts;
		backoff = backoff == null ? Duration.ofSeconds(30) : backoff;
		lease = lease == null ? Duration.ofSeconds(60) : lease;
		pollInterval = pollInterval == null ? Duration.ofSeconds(2) : pollInterval;
		workers = workers == null || workers < 1 ? 2 : workers;
		timeout = timeout == null ? Duration.ofSeconds(30) : timeout;
		enabled = enabled == null || enabled;
		allowedHosts = allowedHosts == null ? java.util.List.of()
				: allowedHosts.stream().filter(h -> h != null && !h.isBlank()).map(String::strip).toList();
	}

	/** The wait before the next attempt after {@code attempts} failed ones. */
	Duration backoffAfter(int attempts) {
		return backoff.multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 10));
	}

}
