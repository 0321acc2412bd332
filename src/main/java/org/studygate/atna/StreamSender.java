package org.studygate.atna;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * Octet-counted syslog over TCP (RFC 6587 §3.4.1) or TLS (RFC 5425): each message as its
 * length in bytes, a space and the message. The connection stays open between batches and
 * is checked before and after each: a repository never writes, so a read that finds the
 * end of the stream means it closed the connection, and the batch counts as not
 * delivered.
 */
final class StreamSender implements SyslogSender {

	/** How long a new TLS connection is watched for a late refusal. */
	static final int HANDSHAKE_SETTLE_MILLIS = 300;

	private final AtnaTarget target;

	private final SSLContext tls;

	private final int connectTimeoutMillis;

	private final String[] cipherSuites;

	private Socket socket;

	private OutputStream out;

	StreamSender(AtnaTarget target, SSLContext tls, int connectTimeoutMillis) {
		this(target, tls, connectTimeoutMillis, List.of());
	}

	/** With TLS, {@code cipherSuites} (empty: the JDK's) are offered in their order. */
	StreamSender(AtnaTarget target, SSLContext tls, int connectTimeoutMillis, List<String> cipherSuites) {
		this.target = target;
		this.tls = tls;
		this.connectTimeoutMillis = connectTimeoutMillis;
		this.cipherSuites = cipherSuites.toArray(String[]::new);
	}

	@Override
	public void send(List<byte[]> messages) throws IOException {
		try {
			if (socket != null && closedByPeer()) {
				close();
			}
			if (socket == null) {
				connect();
			}
			for (byte[] message : messages) {
				out.write(Integer.toString(message.length).getBytes(StandardCharsets.US_ASCII));
				out.write(' ');
				out.write(message);
			}
			out.flush();
			if (closedByPeer()) {
				throw new IOException("the repository closed the connection");
			}
		}
		catch (IOException | RuntimeException ex) {
			close();
			throw ex;
		}
	}

	private void connect() throws IOException {
		Socket plain = new Socket();
		try {
			plain.connect(new InetSocketAddress(target.host(), target.port()), connectTimeoutMillis);
			plain.setTcpNoDelay(false);
			plain.setKeepAlive(true);
			Socket connected = plain;
			if (tls != null) {
				SSLSocket secure = (SSLSocket) tls.getSocketFactory()
					.createSocket(plain, target.host(), target.port(), true);
				SSLParameters parameters = secure.getSSLParameters();
				parameters.setEndpointIdentificationAlgorithm("HTTPS");
				parameters.setProtocols(new String[] { "TLSv1.3", "TLSv1.2" });
				if (cipherSuites.length > 0) {
					parameters.setCipherSuites(cipherSuites);
					parameters.setUseCipherSuitesOrder(true);
				}
				secure.setSSLParameters(parameters);
				secure.setSoTimeout(connectTimeoutMillis);
				secure.startHandshake();
				refusedAfterHandshake(secure);
				connected = secure;
			}
			socket = connected;
			out = new BufferedOutputStream(connected.getOutputStream(), 64 * 1024);
		}
		catch (IOException ex) {
			plain.close();
			throw ex;
		}
	}

	/**
	 * With TLS 1.3 the client's handshake ends before the server has checked the client
	 * certificate: a refusal arrives as an alert just after. Waiting for it briefly keeps
	 * a refused connection from taking a batch.
	 */
	private static void refusedAfterHandshake(SSLSocket secure) throws IOException {
		secure.setSoTimeout(HANDSHAKE_SETTLE_MILLIS);
		try {
			if (secure.getInputStream().read() < 0) {
				throw new IOException("the repository closed the connection after the handshake");
			}
		}
		catch (SocketTimeoutException ex) {
			// nothing came: the connection was accepted
		}
	}

	/** Whether the repository closed the connection (it never sends anything). */
	private boolean closedByPeer() throws IOException {
		InputStream in = socket.getInputStream();
		int timeout = socket.getSoTimeout();
		socket.setSoTimeout(1);
		try {
			return in.read() < 0;
		}
		catch (SocketTimeoutException ex) {
			return false;
		}
		finally {
			socket.setSoTimeout(timeout);
		}
	}

	@Override
	public void close() {
		if (socket != null) {
			try {
				socket.close();
			}
			catch (IOException ex) {
				// closing a broken connection: nothing more to do
			}
		}
		socket = null;
		out = null;
	}

}
