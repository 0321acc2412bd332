package org.studygate.atna;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * RFC 5424 syslog messages carrying an audit message (decision 059): PRI 85 (facility 10,
 * security/authorization; severity 5, notice), version 1, the entry's time, the
 * configured HOSTNAME, APP-NAME and MSGID, the process id, the registered structured data
 * element {@code meta} with the link's sequence number as {@code sequenceId} (RFC 5424
 * §7.3.1, so that a repository can spot a message sent twice), and the XML after a UTF-8
 * byte order mark.
 */
final class SyslogFrames {

	static final int PRI = 10 * 8 + 5;

	/** RFC 5424's sequenceId runs from 1 to 2147483647 and then starts again. */
	static final long SEQUENCE_MAX = 2_147_483_647L;

	private static final byte[] BOM = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };

	private final String head;

	SyslogFrames(String hostname, String appName, String messageId) {
		this.head = " " + printable(hostname, 255) + " " + printable(appName, 48) + " " + ProcessHandle.current().pid()
				+ " " + printable(messageId, 32) + " [meta sequenceId=\"";
	}

	byte[] message(Instant at, long seq, byte[] xml) {
		String header = "<" + PRI + ">1 " + DateTimeFormatter.ISO_INSTANT.format(at) + head + sequenceId(seq) + "\"] ";
		byte[] start = header.getBytes(StandardCharsets.US_ASCII);
		// one array of the exact size, filled once
		byte[] message = new byte[start.length + BOM.length + xml.length];
		System.arraycopy(start, 0, message, 0, start.length);
		System.arraycopy(BOM, 0, message, start.length, BOM.length);
		System.arraycopy(xml, 0, message, start.length + BOM.length, xml.length);
		return message;
	}

	static long sequenceId(long seq) {
		return (seq - 1) % SEQUENCE_MAX + 1;
	}

	/** A header field: printable US-ASCII without spaces, at most {@code max} long. */
	static String printable(String value, int max) {
		StringBuilder out = new StringBuilder();
		for (char c : (value == null ? "" : value).toCharArray()) {
			if (c > 32 && c < 127 && out.length() < max) {
				out.append(c);
			}
		}
		return out.isEmpty() ? "-" : out.toString();
	}

}
