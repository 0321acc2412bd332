package org.studygate.ris;

import java.nio.file.Path;

import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.app.HL7Service;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The MLLP listener for the departments' RIS (docs/configuration.md): on only when
 * {@code STUDYGATE_HL7_PORT} is set, over TLS when {@code STUDYGATE_HL7_TLS} is true (the
 * key store {@code STUDYGATE_HL7_TLS_KEY_STORE}, else the JVM's,
 * {@code javax.net.ssl.keyStore}). A lifecycle that stops and starts again, so a paused
 * application context frees its port.
 */
@Component
@ConditionalOnProperty("studygate.hl7.port")
class Hl7Listener implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(Hl7Listener.class);

	private final Hl7Receiver receiver;

	private final int port;

	private final boolean tls;

	private final String keyStore;

	private final String keyStorePassword;

	private HL7Service server;

	private HapiContext context;

	Hl7Listener(Hl7 hl7, MessageDesk desk, @Value("${studygate.hl7.port}") int port,
			@Value("${studygate.hl7.tls:false}") boolean tls, @Value("${studygate.hl7.tls-key-store:}") String keyStore,
			@Value("${studygate.hl7.tls-key-store-password:}") String keyStorePassword) {
		this.receiver = new Hl7Receiver(desk, hl7);
		this.port = port;
		this.tls = tls;
		this.keyStore = keyStore;
		this.keyStorePassword = keyStorePassword;
	}

	@Override
	public synchronized void start() {
		if (server != null) {
			return;
		}
		context = Hl7.newContext();
		if (tls && !keyStore.isBlank()) {
			context.setSocketFactory(Hl7TlsSockets.fromKeyStore(Path.of(keyStore), keyStorePassword));
		}
		HL7Service started = context.newServer(port, tls, false);
		started.registerApplication(receiver);
		started.setExceptionHandler(receiver);
		try {
			started.startAndWait();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("the HL7 listener did not start", ex);
		}
		server = started;
		log.info("HL7 v2 listener on port {}{}", port, tls ? " (TLS)" : "");
	}

	@Override
	public synchronized void stop() {
		if (server != null) {
			server.stopAndWait();
			server = null;
			try {
				context.close();
			}
			catch (java.io.IOException ex) {
				log.debug("closing the HL7 context", ex);
			}
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return server != null;
	}

}
