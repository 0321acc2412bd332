package org.studygate.atna;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * Sends syslog messages to the repository and says when it has them: for a stream, once
 * they are written and the connection is still open; for UDP, once they are sent.
 */
interface SyslogSender extends Closeable {

	void send(List<byte[]> messages) throws IOException;

	@Override
	void close();

}
