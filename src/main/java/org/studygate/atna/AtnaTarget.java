package org.studygate.atna;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where the messages go: {@code tls://host:6514} (RFC 5425), {@code tcp://host:port} (RFC
 * 6587 octet counting) or {@code udp://host:port} (RFC 5426).
 */
record AtnaTarget(Transport transport, String host, int port) {

	enum Transport {

		TLS, TCP, UDP

	}

	AtnaTarget {
		if (host == null || host.isBlank() || port < 1 || port > 65535) {
			throw new IllegalArgumentException("studygate.atna.url needs a host and a port");
		}
	}

	static AtnaTarget parse(String url) {
		URI uri;
		try {
			uri = new URI(url.strip());
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException("studygate.atna.url is not a URL: tls://host:6514, tcp:// or udp://");
		}
		String scheme = uri.getScheme() == null ? "" : uri.getScheme().toUpperCase(Locale.ROOT);
		Transport transport = switch (scheme) {
			case "TLS" -> Transport.TLS;
			case "TCP" -> Transport.TCP;
			case "UDP" -> Transport.UDP;
			default ->
				throw new IllegalArgumentException("studygate.atna.url must start with tls://, tcp:// or udp://");
		};
		return new AtnaTarget(transport, uri.getHost(), uri.getPort());
	}

	@Override
	public String toString() {
		return transport.name().toLowerCase(Locale.ROOT) + "://" + host + ":" + port;
	}

}
