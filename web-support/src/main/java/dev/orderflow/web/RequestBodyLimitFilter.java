package dev.orderflow.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Refuses a request body larger than a limit before the service handles any of it: a body whose declared length is
 * over the limit is answered {@code 413} at once, unread; one sent without a length (chunked) is counted while it is
 * read, and reading past the limit fails the request with {@code 413} before the handler sees the body. Either way
 * nothing is stored. The answer comes from the service's {@link ProblemDetailsAdvice}, like every other error.
 */
public class RequestBodyLimitFilter extends OncePerRequestFilter {

    private final long limit;
    private final HandlerExceptionResolver errors;

    /**
     * @param limit  the most bytes a request body may have
     * @param errors the resolver that turns the refusal into the service's problem answer
     */
    public RequestBodyLimitFilter(long limit, HandlerExceptionResolver errors) {
        this.limit = limit;
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            // The body stays unread, so the connection cannot carry another request: say so, lest the client reuse it.
            response.setHeader(HttpHeaders.CONNECTION, "close");
            RequestBodyTooLargeException tooLarge =
                    new RequestBodyTooLargeException(limit, "the request body has " + declared + " bytes");
            if (errors.resolveException(request, response, null, tooLarge) == null) {
                // No advice of ours in this application: still a 413, in the servlet container's words.
                response.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, tooLarge.getMessage());
            }
            return;
        }
        chain.doFilter(declared >= 0 ? request : new Counted(request, limit), response);
    }

    /** A request whose body stream fails once more than {@code limit} bytes have been read from it. */
    private static final class Counted extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream body;

        Counted(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (body == null) {
                body = new CountingStream(super.getInputStream(), limit);
            }
            return body;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }

    private static final class CountingStream extends ServletInputStream {

        private final ServletInputStream delegate;
        private final long limit;
        private long read;

        CountingStream(ServletInputStream delegate, long limit) {
            this.delegate = delegate;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int next = delegate.read();
            if (next >= 0) {
                count(1);
            }
            return next;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = delegate.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int bytes) throws RequestBodyTooLargeException {
            read += bytes;
            if (read > limit) {
                throw new RequestBodyTooLargeException(limit, "the request body has more than " + limit + " bytes");
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

        @Override
        public void close() throws IOException {
            delegate.close();
        }
    }
}
