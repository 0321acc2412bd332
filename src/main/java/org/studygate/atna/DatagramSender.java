package org.studygate.atna;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Syslog over UDP (RFC 5426): one message per datagram. Nothing acknowledges a datagram,
 * so a message lost on the way is lost (docs/operations.md#atna-audit-export).
 */
final class DatagramSender implements SyslogSender {

	private final AtnaTarget target;

	private DatagramSocket socket;

	DatagramSender(AtnaTarget target) {
		this.target = target;
	}

	@Override
	public void send(List<byte[]> messages) throws IOException {
		if (socket == null) {
			socket = new DatagramSocket();
		}
		InetSocketAddress address = new InetSocketAddress(target.host(), target.port());
		if (address.isUnresolved()) {
			throw new IOException("unknown host " + target.host());
		}
		for (byte[] message : messages) {
			socket.send(new DatagramPacket(message, message.length, address));
		}
	}

	@Override
	public void close() {
		if (socket != null) {
			socket.close();
			socket = null;
		}
	}

}
