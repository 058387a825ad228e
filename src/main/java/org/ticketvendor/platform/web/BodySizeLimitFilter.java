package org.ticketvendor.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import org.ticketvendor.platform.LargeBodyEndpoints;
import org.ticketvendor.platform.PlatformSettings;

/**
 * Bounds request bodies: a declared Content-Length over the limit is refused before anything reads
 * it, and a chunked body is cut off when it grows past the limit (the read fails with {@link
 * BodyTooLargeException}, which the problem handler reports as 413). The limit is {@code
 * ticketvendor.max-request-body}, except on the few {@link LargeBodyEndpoints} modules declare.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class BodySizeLimitFilter extends OncePerRequestFilter {

    private final long defaultLimit;
    private final List<Route> routes;
    private final ProblemResponseWriter problems;

    private record Route(String method, PathPattern pattern, long limit) {}

    BodySizeLimitFilter(
            PlatformSettings settings, List<LargeBodyEndpoints> largeBodies, ProblemResponseWriter problems) {
        this.defaultLimit = settings.maxRequestBody().toBytes();
        this.routes = largeBodies.stream()
                .flatMap(e -> e.patterns().stream()
                        .map(p -> new Route(
                                e.method().name(),
                                PathPatternParser.defaultInstance.parse(p),
                                e.limit().toBytes())))
                .toList();
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = limit(request);
        if (request.getContentLengthLong() > limit) {
            problems.write(
                    response,
                    StatusCodes.problem(
                            HttpStatus.PAYLOAD_TOO_LARGE, "The request body is larger than " + limit + " bytes."));
            return;
        }
        chain.doFilter(new LimitedRequest(request, limit), response);
    }

    private long limit(HttpServletRequest request) {
        if (routes.isEmpty()) {
            return defaultLimit;
        }
        PathContainer path;
        try {
            path = PathContainer.parsePath(request.getRequestURI());
        } catch (IllegalArgumentException e) {
            return defaultLimit; // a path no endpoint has (bad percent-encoding): the general limit
        }
        for (Route route : routes) {
            if (route.method().equals(request.getMethod()) && route.pattern().matches(path)) {
                return route.limit();
            }
        }
        return defaultLimit;
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream stream;

        LimitedRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new LimitedStream(super.getInputStream(), limit);
            }
            return stream;
        }

        @Override
        public java.io.BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding() == null ? "UTF-8" : getCharacterEncoding();
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), encoding));
        }
    }

    private static final class LimitedStream extends ServletInputStream {

        private final ServletInputStream delegate;
        private final long limit;
        private long read;

        LimitedStream(ServletInputStream delegate, long limit) {
            this.delegate = delegate;
            this.limit = limit;
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

        private void count(int n) throws BodyTooLargeException {
            read += n;
            if (read > limit) {
                throw new BodyTooLargeException(limit);
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
