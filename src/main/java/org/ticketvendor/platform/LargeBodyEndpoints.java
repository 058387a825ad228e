package org.ticketvendor.platform;

import java.util.List;
import org.springframework.http.HttpMethod;
import org.springframework.util.unit.DataSize;

/**
 * Endpoints that take request bodies larger than {@code ticketvendor.max-request-body} (an image upload),
 * and how large. Each module declares its own as a bean, as with {@link PublicEndpoints}; every other
 * request keeps the general limit.
 *
 * @param method the HTTP method
 * @param patterns path patterns, e.g. {@code /api/v1/promoter/events/*}{@code /image}
 * @param limit the largest body accepted there; larger ones get a 413 problem
 */
public record LargeBodyEndpoints(HttpMethod method, List<String> patterns, DataSize limit) {

    public static LargeBodyEndpoints of(HttpMethod method, DataSize limit, String... patterns) {
        return new LargeBodyEndpoints(method, List.of(patterns), limit);
    }
}
