package org.studygate.atna;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

import javax.net.ssl.SSLException;

import org.springframework.dao.DataAccessException;

/**
 * What kind of failure stopped the export, as the service desk's page names it; the
 * exception itself goes to the server's log only.
 */
public enum ExportError {

	/** The repository does not answer or its name is unknown. */
	UNREACHABLE,
	/** The TLS handshake failed: certificate, trust or protocol. */
	TLS,
	/** The connection broke while sending. */
	CONNECTION,
	/** The database could not be read or the cursor not written. */
	DATABASE,
	/** Anything else (see the server's log). */
	OTHER;

	static ExportError of(Throwable cause) {
		if (cause instanceof ConnectException || cause instanceof UnknownHostException
				|| cause instanceof NoRouteToHostException || cause instanceof SocketTimeoutException) {
			return UNREACHABLE;
		}
		if (cause instanceof SSLException) {
			return TLS;
		}
		if (cause instanceof IOException) {
			return CONNECTION;
		}
		if (cause instanceof DataAccessException) {
			return DATABASE;
		}
		return OTHER;
	}

	/** The kind recorded in the database, {@code OTHER} when unknown. */
	public static ExportError named(String name) {
		for (ExportError error : values()) {
			if (error.name().equals(name)) {
				return error;
			}
		}
		return OTHER;
	}

}
