package org.ticketvendor.platform.web;

import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/** Stable codes and titles for errors that carry only an HTTP status (framework and container errors). */
public final class StatusCodes {

    private static final Map<Integer, String[]> KNOWN = Map.ofEntries(
            Map.entry(400, new String[] {"bad_request", "Bad request", "The request could not be understood."}),
            Map.entry(401, new String[] {"unauthorized", "Unauthorized", "Authentication is required."}),
            Map.entry(403, new String[] {"forbidden", "Forbidden", "You are not allowed to do this."}),
            Map.entry(404, new String[] {"not_found", "Not found", "No such resource."}),
            Map.entry(405, new String[] {
                "method_not_allowed", "Method not allowed", "This resource does not support this method."
            }),
            Map.entry(406, new String[] {
                "not_acceptable", "Not acceptable", "No acceptable representation: ask for application/json."
            }),
            Map.entry(409, new String[] {"conflict", "Conflict", "The request conflicts with the current state."}),
            Map.entry(413, new String[] {"payload_too_large", "Payload too large", "The request body is too large."}),
            Map.entry(415, new String[] {
                "unsupported_media_type", "Unsupported media type", "Send the body as application/json."
            }),
            Map.entry(429, new String[] {"too_many_requests", "Too many requests", "Slow down and retry later."}),
            Map.entry(500, new String[] {
                "internal_error",
                "Internal error",
                "Something went wrong on our side. Quote the request id when reporting it."
            }),
            Map.entry(503, new String[] {"unavailable", "Service unavailable", "Try again shortly."}));

    private StatusCodes() {}

    /** A problem for the status, with the given detail or the status's default detail. */
    public static ProblemDetail problem(HttpStatusCode status, String detail) {
        String[] known = KNOWN.get(status.value());
        if (known == null) {
            HttpStatus resolved = HttpStatus.resolve(status.value());
            String title = resolved == null ? "Error" : resolved.getReasonPhrase();
            String code = status.is5xxServerError() ? "internal_error" : "http_" + status.value();
            return Problems.of(status, code, title, detail == null ? title : detail);
        }
        return Problems.of(status, known[0], known[1], detail == null ? known[2] : detail);
    }
}
