package org.ticketvendor.platform;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * An error that reaches the client as an RFC 9457 problem response with a stable {@code code}.
 *
 * <p>Modules throw subclasses named for what went wrong ({@code EmailAlreadyRegisteredException});
 * the platform turns them into {@code application/problem+json} with the type {@code
 * urn:ticket-vendor:problem:<code>}.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final String title;
    private final Map<String, Object> properties = new LinkedHashMap<>();

    public ApiException(HttpStatus status, String code, String title, String detail) {
        super(detail);
        this.status = status;
        this.code = code;
        this.title = title;
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    /** Extra members of the problem object, e.g. {@code retry_after_seconds}. */
    public Map<String, Object> properties() {
        return properties;
    }

    public ApiException with(String name, Object value) {
        properties.put(name, value);
        return this;
    }
}
