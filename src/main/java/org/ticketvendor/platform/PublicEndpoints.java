package org.ticketvendor.platform;

import java.util.List;
import org.springframework.http.HttpMethod;

/**
 * Endpoints a module serves without authentication. Each module declares its own as a bean, so the
 * platform's security configuration needs to know no module.
 *
 * @param method the HTTP method, or null for every method
 * @param patterns path patterns, e.g. {@code /api/v1/auth/**}
 */
public record PublicEndpoints(HttpMethod method, List<String> patterns) {

    public static PublicEndpoints of(HttpMethod method, String... patterns) {
        return new PublicEndpoints(method, List.of(patterns));
    }
}
