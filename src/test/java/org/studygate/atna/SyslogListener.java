package org.studygate.atna;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A plain TCP syslog receiver for tests: reads octet-counted frames (RFC 6587 §3.4.1),
 * parses each message and validates its XML against the DICOM audit schema; a frame that
 * does not parse or validate is kept as an error. Can stop and start again on the same
 * port.
 */
final class SyslogListener implements AutoCloseable {

	final List<SyslogMessage> received = new CopyOnWriteArrayList<>();

	final List<Throwable> errors = new CopyOnWriteArrayList<>();

	private final int port;

	private ServerSocket server;

	private final List<Socket> connections = new CopyOnWriteArrayList<>();

	private SyslogListener(int port) {
		this.port = port;
	}

	/** A listener on a free port, not started. */
	static SyslogListener onFreePort() throws IOException {
		try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return new SyslogListener(probe.getLocalPort());
		}
	}

	int port() {
		return port;
	}

	synchronized SyslogListener start() throws IOException {
		ServerSocket socket = new ServerSocket();
		socket.setReuseAddress(true);
		socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
		server = socket;
		Thread accepting = new Thread(() -> accept(socket), "syslog-listener-" + port);
		accepting.setDaemon(true);
		accepting.start();
		return this;
	}

	private void accept(ServerSocket socket) {
		while (!socket.isClosed()) {
			try {
				Socket connection = socket.accept();
				connections.add(connection);
				Thread reading = new Thread(() -> read(connection), "syslog-connection-" + port);
				reading.setDaemon(true);
				reading.start();
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void read(Socket connection) {
		try (InputStream in = new DataInputStream(new BufferedInputStream(connection.getInputStream()))) {
			while (true) {
				byte[] message = frame(in);
				try {
					received.add(SyslogMessage.parse(message));
				}
				catch (RuntimeException | AssertionError ex) {
					errors.add(ex);
				}
			}
		}
		catch (EOFException ex) {
			// the sender closed the connection
		}
		catch (IOException ex) {
			// closed by stop()
		}
	}

	/** One octet-counted frame: MSG-LEN SP SYSLOG-MSG. */
	static byte[] frame(InputStream in) throws IOException {
		ByteArrayOutputStream length = new ByteArrayOutputStream();
		int c;
		while ((c = in.read()) != ' ') {
			if (c < 0) {
				throw new EOFException();
			}
			if (c < '0' || c > '9' || length.size() > 9) {
				throw new IOException("not an octet-counted frame");
			}
			length.write(c);
		}
		byte[] message = new byte[Integer.parseInt(length.toString())];
		int read = 0;
		while (read < message.length) {
			int n = in.read(message, read, message.length - read);
			if (n < 0) {
				throw new EOFException();
			}
			read += n;
		}
		return message;
	}

	/** Stops listening and drops every connection, as a repository going down. */
	synchronized void stop() throws IOException {
		if (server != null) {
			server.close();
			server = null;
		}
		for (Socket connection : new ArrayList<>(connections)) {
			connection.close();
		}
		connections.clear();
	}

	@Override
	public void close() throws IOException {
		stop();
	}

}
