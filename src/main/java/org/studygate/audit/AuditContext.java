package org.studygate.audit;

import java.util.Optional;

/**
 * What the audit module needs to know about the request an event comes from, without
 * depending on the web: the web's request filter binds it to the serving thread for the
 * request's duration, and the writer reads it when it writes an entry. Work outside a
 * request (scheduled jobs, the demo loader) has none, and its entries carry no channel,
 * address or user agent.
 */
public final class AuditContext {

	private static final ThreadLocal<Request> CURRENT = new ThreadLocal<>();

	private AuditContext() {
	}

	/**
	 * The request's side of an entry.
	 *
	 * @param channel EXPLORE, VIEWER, DICOMWEB, API, PATIENT_PORTAL or BUCKET
	 * @param clientIp the client's address as the server sees it
	 * @param userAgent the client's User-Agent header
	 */
	public record Request(String channel, String clientIp, String userAgent) {

	}

	/** Ends a binding; closing restores what was bound before. */
	public interface Binding extends AutoCloseable {

		@Override
		void close();

	}

	/** Binds the request to the current thread until the returned binding is closed. */
	public static Binding bind(Request request) {
		Request previous = CURRENT.get();
		CURRENT.set(request);
		return () -> {
			if (previous == null) {
				CURRENT.remove();
			}
			else {
				CURRENT.set(previous);
			}
		};
	}

	/** The request the current thread serves, if any. */
	public static Optional<Request> current() {
		return Optional.ofNullable(CURRENT.get());
	}

}
