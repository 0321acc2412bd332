package org.studygate.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses API bodies over 1 MiB before they are read (the staff API and the patient API
 * alike): a declared length over the limit is answered at once with 413, and a body
 * without a declared length (chunked) stops being read at the limit. No API request needs
 * more, and a parser must never be fed an unbounded body.
 */
class RequestBodyLimit extends OncePerRequestFilter {

	static final long LIMIT = 1024 * 1024;

	static final String TITLE = "Content too large";

	static final String DETAIL = "The body is larger than 1 MiB.";

	private final ProblemWriter problems;

	RequestBodyLimit(ProblemWriter problems) {
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getContentLengthLong() > LIMIT) {
			problems.write(request, response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, TITLE, DETAIL);
			return;
		}
		chain.doFilter(new Capped(request), response);
	}

	/** Thrown while reading a body that has grown past the limit. */
	static class TooLarge extends IOException {

		TooLarge() {
			super(DETAIL);
		}

	}

	private static final class Capped extends HttpServletRequestWrapper {

		private ServletInputStream stream;

		Capped(HttpServletRequest request) {
			super(request);
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (stream == null) {
				stream = new CappedStream(super.getInputStream());
			}
			return stream;
		}

		@Override
		public BufferedReader getReader() throws IOException {
			String encoding = getCharacterEncoding();
			Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
			return new BufferedReader(new InputStreamReader(getInputStream(), charset));
		}

	}

	private static final class CappedStream extends ServletInputStream {

		private final ServletInputStream delegate;

		private long read;

		CappedStream(ServletInputStream delegate) {
			this.delegate = delegate;
		}

		@Override
		public int read() throws IOException {
			int b = delegate.read();
			if (b >= 0) {
				count(1);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = delegate.read(buffer, offset, length);
			if (n > 0) {
				count(n);
			}
			return n;
		}

		private void count(int n) throws TooLarge {
			read += n;
			if (read > LIMIT) {
				throw new TooLarge();
			}
		}

		@Override
		public boolean isFinished() {
			return delegate.isFinished();
		}

		@Override
		public boolean isReady() {
			return delegate.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			delegate.setReadListener(listener);
		}

	}

}
