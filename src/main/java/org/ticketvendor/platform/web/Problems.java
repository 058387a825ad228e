package org.ticketvendor.platform.web;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.ticketvendor.platform.RequestContext;

/**
 * Builds the problem objects the API returns: RFC 9457 members plus a stable {@code code} (also the
 * last segment of {@code type}) and the request id, so a client can quote it to support.
 */
public final class Problems {

    private static final String TYPE_PREFIX = "urn:ticket-vendor:problem:";

    private Problems() {}

    public static ProblemDetail of(HttpStatusCode status, String code, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_PREFIX + code));
        problem.setTitle(title);
        problem.setProperty("code", code);
        String requestId = RequestContext.requestId();
        if (requestId != null) {
            problem.setProperty("request_id", requestId);
        }
        return problem;
    }

    /** A 400 listing each offending field, e.g. {@code [{"field":"email","message":"..."}]}. */
    public static ProblemDetail validation(List<FieldError> errors) {
        ProblemDetail problem = of(
                org.springframework.http.HttpStatus.BAD_REQUEST,
                "validation_failed",
                "Validation failed",
                "The request has " + errors.size() + " invalid field" + (errors.size() == 1 ? "" : "s") + ".");
        problem.setProperty(
                "errors",
                errors.stream()
                        .map(e -> Map.of("field", e.field(), "message", e.message()))
                        .toList());
        return problem;
    }

    /** One invalid field: its JSON name (snake_case, dotted for nesting) and why. */
    public record FieldError(String field, String message) {}
}
