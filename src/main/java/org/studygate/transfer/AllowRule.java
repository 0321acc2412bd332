package org.studygate.transfer;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

import org.studygate.InvalidInputException;

/**
 * One entry of the destination allow-list: a host name ({@code pacs.hospital.example}), a
 * domain and its sub-domains ({@code .hospital.example} or {@code *.hospital.example}),
 * or an address or range ({@code 10.20.0.7}, {@code 10.20.0.0/16}, {@code fd00::/8}).
 * Names are matched on the name the user gave, ranges on every address it resolves to
 * (decision 033).
 */
record AllowRule(String entry, Kind kind, String name, byte[] network, int prefix) {

	enum Kind {

		HOST, DOMAIN, RANGE

	}

	private static final Pattern NAME = Pattern
		.compile("^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$");

	private static final Pattern IPV4 = Pattern.compile("^[0-9]{1,3}(\\.[0-9]{1,3}){3}$");

	private static final Pattern IPV6 = Pattern.compile("^[0-9a-f:.]{2,45}$");

	/**
	 * Reads an entry as a person typed it.
	 * @throws InvalidInputException naming {@code entries} when it is none of the forms
	 */
	static AllowRule parse(String text) {
		String entry = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
		if (entry.startsWith("*.")) {
			entry = entry.substring(1);
		}
		if (entry.startsWith(".") && NAME.matcher(entry.substring(1)).matches() && entry.substring(1).contains(".")) {
			return new AllowRule(entry, Kind.DOMAIN, entry, null, 0);
		}
		String address = entry;
		int prefix = -1;
		int slash = entry.indexOf('/');
		if (slash > 0) {
			address = entry.substring(0, slash);
			prefix = number(entry.substring(slash + 1));
		}
		byte[] bytes = literal(address);
		if (bytes != null && (slash < 0 || prefix >= 0 && prefix <= bytes.length * 8)) {
			return new AllowRule(entry, Kind.RANGE, null, bytes, slash < 0 ? bytes.length * 8 : prefix);
		}
		if (slash < 0 && NAME.matcher(entry).matches() && !IPV4.matcher(entry).matches()) {
			return new AllowRule(entry, Kind.HOST, entry, null, 0);
		}
		throw new InvalidInputException("entries",
				"\"" + abbreviated(text) + "\" is not a host name, a .domain, an IP address or a CIDR range");
	}

	/** Whether the name the user gave is this host or in this domain. */
	boolean matchesName(String host) {
		String h = host.toLowerCase(Locale.ROOT);
		return kind == Kind.HOST && h.equals(name) || kind == Kind.DOMAIN && h.endsWith(name);
	}

	/** Whether the address lies in this range. */
	boolean matchesAddress(InetAddress address) {
		if (kind != Kind.RANGE) {
			return false;
		}
		byte[] bytes = address.getAddress();
		if (bytes.length != network.length) {
			return false;
		}
		for (int bit = 0; bit < prefix; bit++) {
			int mask = 0x80 >>> (bit % 8);
			if ((bytes[bit / 8] & mask) != (network[bit / 8] & mask)) {
				return false;
			}
		}
		return true;
	}

	/** The address of an IP literal, without asking DNS; null for anything else. */
	static byte[] literal(String text) {
		String t = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
		boolean v4 = IPV4.matcher(t).matches();
		if (!v4 && !(t.contains(":") && IPV6.matcher(t).matches())) {
			return null;
		}
		try {
			return InetAddress.getByName(t).getAddress();
		}
		catch (UnknownHostException ex) {
			return null;
		}
	}

	private static int number(String text) {
		try {
			return Integer.parseInt(text);
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	private static String abbreviated(String text) {
		String t = text == null ? "" : text.strip();
		return t.length() > 60 ? t.substring(0, 60) + "…" : t;
	}

}
