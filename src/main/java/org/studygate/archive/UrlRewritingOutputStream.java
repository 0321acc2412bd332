package org.studygate.archive;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Replaces the archive's own base URL by the gateway's while a JSON answer streams
 * through, so that the RetrieveURL and BulkDataURI attributes a viewer follows lead back
 * to the gateway (and the archive's address is never disclosed). Matches with
 * Knuth–Morris–Pratt, so no byte is held back beyond a partial match.
 */
final class UrlRewritingOutputStream extends FilterOutputStream {

	private final byte[] pattern;

	private final byte[] replacement;

	private final int[] fallback;

	private int matched;

	UrlRewritingOutputStream(OutputStream out, String from, String to) {
		super(out);
		this.pattern = from.getBytes(StandardCharsets.UTF_8);
		this.replacement = to.getBytes(StandardCharsets.UTF_8);
		this.fallback = new int[pattern.length];
		for (int i = 1, k = 0; i < pattern.length; i++) {
			while (k > 0 && pattern[i] != pattern[k]) {
				k = fallback[k - 1];
			}
			if (pattern[i] == pattern[k]) {
				k++;
			}
			fallback[i] = k;
		}
	}

	@Override
	public void write(int b) throws IOException {
		if (!matches((byte) b)) {
			out.write(b);
		}
	}

	/**
	 * Feeds one byte to the match in progress: the bytes of a partial match it breaks are
	 * passed on, a whole match is passed on as its replacement.
	 * @return whether the byte is part of a match (and so not passed on yet)
	 */
	private boolean matches(byte value) throws IOException {
		while (matched > 0 && pattern[matched] != value) {
			int keep = fallback[matched - 1];
			out.write(pattern, 0, matched - keep);
			matched = keep;
		}
		if (pattern[matched] != value) {
			return false;
		}
		matched++;
		if (matched == pattern.length) {
			out.write(replacement);
			matched = 0;
		}
		return true;
	}

	/**
	 * Passes the bytes outside a match on in runs, not one by one: a metadata answer of
	 * megabytes holds the archive's address only a few times per instance.
	 */
	@Override
	public void write(byte[] b, int off, int len) throws IOException {
		int end = off + len;
		int plain = off;
		for (int i = off; i < end; i++) {
			byte value = b[i];
			if (matched == 0 && value != pattern[0]) {
				continue;
			}
			if (matched == 0) {
				out.write(b, plain, i - plain);
			}
			plain = matches(value) ? i + 1 : i;
		}
		if (plain < end) {
			out.write(b, plain, end - plain);
		}
	}

	@Override
	public void flush() throws IOException {
		out.flush();
	}

	@Override
	public void close() throws IOException {
		if (matched > 0) {
			out.write(pattern, 0, matched);
			matched = 0;
		}
		out.flush();
	}

}
