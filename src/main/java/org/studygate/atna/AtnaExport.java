package org.studygate.atna;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.studygate.audit.AuditChain;
import org.studygate.directory.Actor;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;

/**
 * The ATNA export's state for the service desk's page and as gauges
 * ({@code studygate.atna.backlog}, {@code studygate.atna.lag.seconds},
 * {@code studygate.atna.failures}, and the counter {@code studygate.atna.sent.bytes};
 * docs/operations.md#atna-audit-export).
 */
@Service
public class AtnaExport implements MeterBinder {

	private final AtnaProperties settings;

	private final CursorStore store;

	private final AuditChain chain;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final AtnaExporter exporter;

	AtnaExport(AtnaProperties settings, CursorStore store, AuditChain chain, ApplicationEventPublisher events,
			Clock clock, AtnaExporter exporter) {
		this.settings = settings;
		this.exporter = exporter;
		this.store = store;
		this.chain = chain;
		this.events = events;
		this.clock = clock;
	}

	/** The state, for the service desk only; anybody else is refused and logged. */
	public ExportState state(Actor actor) {
		if (!actor.serviceDesk()) {
			events.publishEvent(new ExportStateRefused(clock.instant(), actor.asAuditActor()));
			throw new AccessDeniedException("the ATNA export's page is the service desk's");
		}
		return state(AtnaExporter.CURSOR);
	}

	ExportState state(String cursorName) {
		CursorStore.Cursor cursor = store.find(cursorName);
		long head = chain.head().seq();
		long backlog = Math.max(0, head - cursor.lastSeq());
		Instant oldest = backlog == 0 ? null : chain.at(cursor.lastSeq() + 1).orElse(null);
		Duration lag = oldest == null ? Duration.ZERO : Duration.between(oldest, clock.instant());
		return new ExportState(settings.enabled(), settings.enabled() ? settings.url().strip() : null, cursor.lastSeq(),
				head, backlog, oldest, lag.isNegative() ? Duration.ZERO : lag, cursor.sent(), cursor.archivedSkipped(),
				cursor.lastSentAt(), cursor.failures() == 0 ? null : ExportError.named(cursor.lastError()),
				cursor.lastErrorAt(), cursor.failures(), exporter.problem() == null ? null : exporter.problem().name());
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("studygate.atna.backlog", this, export -> export.state(AtnaExporter.CURSOR).backlog())
			.description("Access log entries chained but not yet sent to the audit record repository")
			.register(registry);
		Gauge
			.builder("studygate.atna.lag.seconds", this,
					export -> export.state(AtnaExporter.CURSOR).lag().toMillis() / 1000.0)
			.description("Age of the oldest access log entry not yet sent to the audit record repository")
			.register(registry);
		Gauge.builder("studygate.atna.failures", this, export -> export.state(AtnaExporter.CURSOR).failures())
			.description("Failed attempts in a row to send to the audit record repository")
			.register(registry);
		FunctionCounter.builder("studygate.atna.sent.bytes", exporter, AtnaExporter::bytesSent)
			.description("Bytes of syslog messages delivered to the audit record repository since the start")
			.baseUnit("bytes")
			.register(registry);
	}

}
