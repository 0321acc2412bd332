package org.studygate.transfer;

import java.net.URI;
import java.util.regex.Pattern;

import org.studygate.InvalidInputException;
import org.studygate.department.DepartmentId;
import org.studygate.directory.UserId;

/**
 * A PACS a study can be forwarded to: a DICOM peer (AE title, host, port) reached by
 * C-STORE through the archive, or a STOW-RS URL reached straight. Owned by a department
 * (offered to everyone who may forward its studies) or by one user (his own transfer
 * preferences).
 */
public record Destination(DestinationId id, DepartmentId departmentId, UserId userId, String name, Kind kind,
		String aeTitle, String host, Integer port, String url) {

	/** How a destination is reached. */
	public enum Kind {

		DIMSE, STOW_RS

	}

	private static final Pattern AE_TITLE = Pattern
		.compile("^[\\x21-\\x5B\\x5D-\\x7E]([\\x20-\\x5B\\x5D-\\x7E]{0,14})$");

	private static final Pattern HOST = Pattern
		.compile("^[A-Za-z0-9]([A-Za-z0-9.-]{0,251})$|^\\[?[0-9A-Fa-f:]{2,45}\\]?$");

	/**
	 * Checks what a client sent: a name, then either an AE title, host and port, or an
	 * http(s) URL.
	 * @throws InvalidInputException naming the first field that is wrong
	 */
	public static Destination of(DestinationId id, DepartmentId departmentId, UserId userId, String name,
			String aeTitle, String host, Integer port, String url) {
		name = name == null ? "" : name.strip();
		if (name.isEmpty() || name.length() > 100) {
			throw new InvalidInputException("name", "is required (at most 100 characters)");
		}
		if (url != null && !url.isBlank()) {
			String stripped = url.strip();
			try {
				URI uri = URI.create(stripped);
				if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
						|| stripped.length() > 500) {
					throw new IllegalArgumentException();
				}
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidInputException("url", "must be an http or https URL");
			}
			while (stripped.endsWith("/")) {
				stripped = stripped.substring(0, stripped.length() - 1);
			}
			return new Destination(id, departmentId, userId, name, Kind.STOW_RS, null, null, null, stripped);
		}
		String ae = aeTitle == null ? "" : aeTitle.strip();
		if (!AE_TITLE.matcher(ae).matches()) {
			throw new InvalidInputException("aeTitle", "must be 1 to 16 printable characters without a backslash");
		}
		String h = host == null ? "" : host.strip();
		if (!HOST.matcher(h).matches()) {
			throw new InvalidInputException("host", "must be a host name or an IP address");
		}
		if (port == null || port < 1 || port > 65535) {
			throw new InvalidInputException("port", "must be between 1 and 65535");
		}
		return new Destination(id, departmentId, userId, name, Kind.DIMSE, ae, h, port, null);
	}

	/** How the destination reads in lists and in the access log. */
	public String label() {
		return kind == Kind.DIMSE ? name + " (" + aeTitle + "@" + host + ":" + port + ")" : name + " (" + url + ")";
	}

	/** The name the archive knows this peer by. */
	String peerName() {
		return "sg-" + id;
	}

}
