package org.studygate.ris;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.security.GeneralSecurityException;

import javax.net.ssl.SSLContext;

import org.studygate.TlsContexts;

import ca.uhn.hl7v2.util.StandardSocketFactory;

/**
 * HAPI's sockets with TLS from a key store of the listener's own
 * ({@code STUDYGATE_HL7_TLS_KEY_STORE}, docs/configuration.md) instead of the JVM's
 * default context; plain sockets as HAPI makes them.
 */
class Hl7TlsSockets extends StandardSocketFactory {

	private final SSLContext tls;

	/**
	 * How long a read on an accepted connection waits: long enough for the TLS handshake,
	 * which runs inside the first read (HAPI's half-second default can cut it off on a
	 * busy host).
	 */
	static final int ACCEPTED_SOCKET_TIMEOUT_MILLIS = 5_000;

	Hl7TlsSockets(SSLContext tls) {
		this.tls = tls;
		setAcceptedSocketTimeout(ACCEPTED_SOCKET_TIMEOUT_MILLIS);
	}

	/**
	 * A TLS context whose server certificate is the key store's key entry (PKCS12 or
	 * JKS).
	 * @throws IllegalStateException when the key store cannot be read with that password
	 */
	static Hl7TlsSockets fromKeyStore(Path keyStore, String password) {
		try {
			return new Hl7TlsSockets(TlsContexts.of(keyStore, password, null, null));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("the HL7 listener's key store cannot be read", ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("the HL7 listener's key store cannot be used", ex);
		}
	}

	@Override
	public ServerSocket createTlsServerSocket() throws IOException {
		return tls.getServerSocketFactory().createServerSocket();
	}

	@Override
	public Socket createTlsSocket() throws IOException {
		return tls.getSocketFactory().createSocket();
	}

}
