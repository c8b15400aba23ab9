package io.zdash.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps the JSON API's request bodies: a declared length over the cap is answered 413 before
 * anything is read, and a body sent without one (chunked) fails once it passes the cap, which the
 * API answers as a malformed body. Every body of this API is a few fields.
 */
final class ApiBodyLimit extends OncePerRequestFilter {

	static final int MAX_BYTES = 16 * 1024;

	private final ProblemResponses problems;

	ApiBodyLimit(ProblemResponses problems) {
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getContentLengthLong() > MAX_BYTES) {
			this.problems.tooLarge(response, MAX_BYTES);
			return;
		}
		chain.doFilter(new HttpServletRequestWrapper(request) {

			private ServletInputStream capped;

			@Override
			public ServletInputStream getInputStream() throws IOException {
				if (this.capped == null) {
					this.capped = new Capped(super.getInputStream());
				}
				return this.capped;
			}

			@Override
			public java.io.BufferedReader getReader() throws IOException {
				String charset = (getCharacterEncoding() != null) ? getCharacterEncoding() : "UTF-8";
				return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), charset));
			}

		}, response);
	}

	/** A body that passed the cap while it was read: the API answers 413 (see {@link ApiExceptions}). */
	static final class TooLarge extends IOException {

		private static final long serialVersionUID = 1L;

		TooLarge() {
			super("Request body over " + MAX_BYTES + " bytes");
		}

	}

	private static final class Capped extends ServletInputStream {

		private final ServletInputStream in;

		private long read;

		Capped(ServletInputStream in) {
			this.in = in;
		}

		@Override
		public int read() throws IOException {
			int b = this.in.read();
			if (b >= 0) {
				count(1);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = this.in.read(buffer, offset, length);
			if (n > 0) {
				count(n);
			}
			return n;
		}

		private void count(int n) throws IOException {
			this.read += n;
			if (this.read > MAX_BYTES) {
				throw new TooLarge();
			}
		}

		@Override
		public boolean isFinished() {
			return this.in.isFinished();
		}

		@Override
		public boolean isReady() {
			return this.in.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			this.in.setReadListener(listener);
		}

	}

}
