package org.studygate.atna;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.studygate.audit.AuditChain;
import org.studygate.study.Studies;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Runs the configured export (cursor {@value #CURSOR}) on a thread of its own once the
 * application is ready: a full batch is followed at once by the next, otherwise it waits
 * {@code studygate.atna.interval}. Off while {@code studygate.atna.url} is blank. Every
 * instance runs it; the lock lets one send at a time.
 */
@Component
class AtnaExporter {

	/** The cursor of the configured export. */
	static final String CURSOR = "default";

	private static final Logger log = LoggerFactory.getLogger(AtnaExporter.class);

	private final AtnaProperties settings;

	private final ExportPump.Parts parts;

	private ScheduledExecutorService thread;

	private ExportPump pump;

	AtnaExporter(AtnaProperties settings, CursorStore store, AuditChain chain, Studies studies,
			PlatformTransactionManager transactions, Clock clock) {
		this.settings = settings;
		String hostname = hostname(settings);
		this.parts = new ExportPump.Parts(store, chain, studies, new AuditMessages(settings, hostname),
				new SyslogFrames(hostname, settings.appName(), settings.messageId()), transactions, clock);
	}

	@EventListener(ApplicationReadyEvent.class)
	synchronized void start() {
		if (!settings.enabled() || thread != null) {
			return;
		}
		AtnaTarget target = AtnaTarget.parse(settings.url());
		pump = new ExportPump(CURSOR, parts, sender(target, settings), settings.batch(), settings.maxBackoff());
		thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread named = new Thread(runnable, "atna-export");
			named.setDaemon(true);
			return named;
		});
		thread.scheduleWithFixedDelay(this::run, 1000, settings.interval().toMillis(), TimeUnit.MILLISECONDS);
		log.info("ATNA export to {} started", target);
	}

	private void run() {
		try {
			while (!Thread.currentThread().isInterrupted() && pump.step() == settings.batch()) {
				// a full batch: more are waiting
			}
		}
		catch (RuntimeException ex) {
			log.warn("ATNA export step failed", ex);
		}
	}

	/** The sender for a target: octet-counted TLS or TCP, or UDP. */
	static SyslogSender sender(AtnaTarget target, AtnaProperties settings) {
		int timeout = (int) settings.connectTimeout().toMillis();
		return switch (target.transport()) {
			case TLS -> new StreamSender(target, settings.tlsContext(), timeout);
			case TCP -> new StreamSender(target, null, timeout);
			case UDP -> new DatagramSender(target);
		};
	}

	static String hostname(AtnaProperties settings) {
		if (!AtnaProperties.blank(settings.hostname())) {
			return SyslogFrames.printable(settings.hostname(), 255);
		}
		try {
			return SyslogFrames.printable(InetAddress.getLocalHost().getHostName(), 255);
		}
		catch (UnknownHostException ex) {
			return "studygate";
		}
	}

	ExportPump.Parts parts() {
		return parts;
	}

	@PreDestroy
	synchronized void stop() {
		if (thread != null) {
			thread.shutdownNow();
			try {
				thread.awaitTermination(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			pump.close();
			thread = null;
		}
	}

}
