package org.studygate.atna;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import javax.net.ssl.SSLContext;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.studygate.audit.AuditChain;
import org.studygate.study.Studies;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
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

	/**
	 * The fewest messages a connection is given of a batch: a small batch goes over fewer
	 * connections, in order over the first when it is smaller than twice this.
	 */
	static final int MIN_SLICE = 100;

	/** The cursor of the configured export. */
	static final String CURSOR = "default";

	private static final Logger log = LoggerFactory.getLogger(AtnaExporter.class);

	private final AtnaProperties settings;

	private final ExportPump.Parts parts;

	private ScheduledExecutorService thread;

	private ExportPump pump;

	private ConfigurationProblem problem;

	/** Why a configured export could not start (decision 071). */
	enum ConfigurationProblem {

		/**
		 * {@code studygate.atna.url} is not {@code tls://}, {@code tcp://} or
		 * {@code udp://host:port}.
		 */
		URL,
		/** The key or trust store cannot be read. */
		STORES,
		/** A cipher suite this Java does not know. */
		CIPHER_SUITES

	}

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
		AtnaTarget target;
		SyslogSender sender;
		try {
			target = AtnaTarget.parse(settings.url());
		}
		catch (IllegalArgumentException ex) {
			off(ConfigurationProblem.URL, ex);
			return;
		}
		try {
			sender = sender(target, settings);
		}
		catch (IllegalArgumentException ex) {
			off(ConfigurationProblem.CIPHER_SUITES, ex);
			return;
		}
		catch (IllegalStateException ex) {
			off(ConfigurationProblem.STORES, ex);
			return;
		}
		pump = new ExportPump(CURSOR, parts, sender, settings.batch(), settings.maxBackoff());
		thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread named = new Thread(runnable, "atna-export");
			named.setDaemon(true);
			return named;
		});
		thread.scheduleWithFixedDelay(this::run, 1000, settings.interval().toMillis(), TimeUnit.MILLISECONDS);
		log.info("ATNA export to {} started", target);
	}

	private void off(ConfigurationProblem kind, RuntimeException ex) {
		problem = kind;
		log.error("ATNA export off, its settings are wrong: {}", ex.getMessage());
	}

	/** Why the configured export is off; {@code null} when it is not. */
	synchronized ConfigurationProblem problem() {
		return problem;
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

	/**
	 * The sender for a target: octet-counted TLS or TCP over
	 * {@code studygate.atna.connections} connections (decision 074), or UDP.
	 */
	static SyslogSender sender(AtnaTarget target, AtnaProperties settings) {
		int timeout = (int) settings.connectTimeout().toMillis();
		SSLContext tls = target.transport() == AtnaTarget.Transport.TLS ? tls(settings) : null;
		Supplier<SyslogSender> connection = switch (target.transport()) {
			case TLS -> () -> new StreamSender(target, tls, timeout, settings.cipherSuites());
			case TCP -> () -> new StreamSender(target, null, timeout);
			case UDP -> () -> new DatagramSender(target);
		};
		if (target.transport() == AtnaTarget.Transport.UDP || settings.connections() == 1) {
			return connection.get();
		}
		return new ParallelSender(settings.connections(), MIN_SLICE, connection);
	}

	/**
	 * The TLS context of the settings.
	 * @throws IllegalArgumentException for a cipher suite this Java does not know
	 * @throws IllegalStateException when a store cannot be read
	 */
	private static SSLContext tls(AtnaProperties settings) {
		SSLContext tls = settings.tlsContext();
		List<String> known = List.of(tls.getSupportedSSLParameters().getCipherSuites());
		for (String suite : settings.cipherSuites()) {
			if (!known.contains(suite)) {
				throw new IllegalArgumentException(
						"studygate.atna.cipher-suites names " + suite + ", not a cipher suite of this Java");
			}
		}
		return tls;
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

	/** The bytes of the syslog messages delivered since the start. */
	synchronized long bytesSent() {
		return pump == null ? 0 : pump.bytesSent();
	}

	ExportPump.Parts parts() {
		return parts;
	}

	/** Stops sending as soon as the application begins to shut down. */
	@EventListener(ContextClosedEvent.class)
	void closing() {
		stop();
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
