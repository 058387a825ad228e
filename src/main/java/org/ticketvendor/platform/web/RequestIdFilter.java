package org.ticketvendor.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.ticketvendor.platform.DatabaseFailures;
import org.ticketvendor.platform.RequestContext;

/**
 * The outermost filter: gives every request an id (the caller's {@code X-Request-Id} when it is
 * sane, a new one otherwise), puts it in the logs and the response, and turns any exception that
 * escapes the filters below into a problem response instead of the container's error page.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestIdFilter extends OncePerRequestFilter {

    static final String HEADER = "X-Request-Id";
    private static final Pattern SANE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final Logger log = LoggerFactory.getLogger(RequestIdFilter.class);

    private final ProblemResponseWriter problems;

    RequestIdFilter(ProblemResponseWriter problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String given = request.getHeader(HEADER);
        String requestId = given != null && SANE_ID.matcher(given).matches()
                ? given
                : UUID.randomUUID().toString();
        MDC.put(RequestContext.REQUEST_ID, requestId);
        MDC.put(RequestContext.CLIENT_IP, request.getRemoteAddr());
        request.setAttribute(RequestContext.REQUEST_ID, requestId);
        response.setHeader(HEADER, requestId);
        ErrorTracking tracked = new ErrorTracking(response);
        try {
            chain.doFilter(request, tracked);
            if (!tracked.errorSent
                    && !response.isCommitted()
                    && response.getStatus() >= 400
                    && response.getContentType() == null) {
                // An error status set without a body (the actuator's 404 for an unknown health
                // component): the problem of that status, like every other error. A sendError goes
                // to the container's error page instead (ProblemErrorController).
                ProblemDetail problem = StatusCodes.problem(HttpStatusCode.valueOf(response.getStatus()), null);
                problem.setProperty("request_id", requestId);
                problems.write(response, problem);
            }
        } catch (Exception ex) {
            if (DatabaseFailures.unavailable(ex)) {
                // A filter that needed the database (the access-token check reads an account's
                // security version it does not know yet) during an outage: a 503, as in controllers.
                log.warn("Database unavailable in the filter chain: {}", DatabaseFailures.describe(ex));
                response.setHeader(HttpHeaders.RETRY_AFTER, "2");
                problems.write(response, StatusCodes.problem(HttpStatus.SERVICE_UNAVAILABLE, null));
                return;
            }
            log.error("Unhandled error in the filter chain", ex);
            problems.write(response, StatusCodes.problem(HttpStatus.INTERNAL_SERVER_ERROR, null));
        } finally {
            MDC.remove(RequestContext.REQUEST_ID);
            MDC.remove(RequestContext.CLIENT_IP);
        }
    }

    /** Remembers whether the status came with {@code sendError}, which the container answers itself. */
    private static final class ErrorTracking extends HttpServletResponseWrapper {

        private boolean errorSent;

        ErrorTracking(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void sendError(int sc, String msg) throws IOException {
            errorSent = true;
            super.sendError(sc, msg);
        }

        @Override
        public void sendError(int sc) throws IOException {
            errorSent = true;
            super.sendError(sc);
        }
    }
}
