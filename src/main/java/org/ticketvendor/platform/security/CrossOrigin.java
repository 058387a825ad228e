package org.ticketvendor.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;
import org.ticketvendor.platform.web.ProblemResponseWriter;
import org.ticketvendor.platform.web.StatusCodes;

/**
 * Cross-origin requests from browsers. Origins listed in {@link CorsSettings} may call {@code
 * /api/**} and read its answers; other origins get no CORS headers (the browser keeps the answer
 * from their page) and their preflights a 403 problem. With no origin listed, no other origin is
 * let in at all.
 */
final class CrossOrigin {

    static final List<String> REQUEST_HEADERS = List.of(
            HttpHeaders.AUTHORIZATION,
            HttpHeaders.CONTENT_TYPE,
            HttpHeaders.IF_MATCH,
            "Idempotency-Key",
            "X-Request-Id");
    static final List<String> EXPOSED_HEADERS = List.of(
            HttpHeaders.ETAG, HttpHeaders.LOCATION, HttpHeaders.RETRY_AFTER, "X-Request-Id", "Idempotent-Replayed");

    private CrossOrigin() {}

    static CorsFilter filter(CorsSettings settings, ProblemResponseWriter problems) {
        CorsFilter filter = new CorsFilter(source(settings));
        filter.setCorsProcessor(new Processor(problems));
        return filter;
    }

    static CorsConfigurationSource source(CorsSettings settings) {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        if (!settings.allowedOrigins().isEmpty()) {
            CorsConfiguration api = new CorsConfiguration();
            api.setAllowedOrigins(settings.allowedOrigins());
            api.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT", "DELETE"));
            api.setAllowedHeaders(REQUEST_HEADERS);
            api.setExposedHeaders(EXPOSED_HEADERS);
            api.setAllowCredentials(false);
            api.setMaxAge(settings.maxAge());
            source.registerCorsConfiguration("/api/**", api);
        }
        return source;
    }

    /** Spring's processor, with refusals as problems and plain requests of other origins let through bare. */
    static final class Processor extends DefaultCorsProcessor {

        private final ProblemResponseWriter problems;

        Processor(ProblemResponseWriter problems) {
            this.problems = problems;
        }

        @Override
        public boolean processRequest(
                CorsConfiguration config, HttpServletRequest request, HttpServletResponse response) throws IOException {
            if (!CorsUtils.isCorsRequest(request)) {
                return super.processRequest(config, request, response);
            }
            boolean preflight = CorsUtils.isPreFlightRequest(request);
            boolean allowedOrigin = config != null && config.checkOrigin(request.getHeader(HttpHeaders.ORIGIN)) != null;
            if (!allowedOrigin && !preflight) {
                // Not a page we know: answered as to any client, without CORS headers, so the browser
                // keeps the answer from that page. Refusing would also refuse same-site pages behind a
                // proxy that changes the scheme.
                response.addHeader(HttpHeaders.VARY, HttpHeaders.ORIGIN);
                return true;
            }
            if (!allowedOrigin) {
                response.addHeader(HttpHeaders.VARY, HttpHeaders.ORIGIN);
                problems.write(response, StatusCodes.problem(HttpStatus.FORBIDDEN, "Cross-origin request refused."));
                return false;
            }
            return super.processRequest(config, request, response);
        }

        @Override
        protected void rejectRequest(ServerHttpResponse response) throws IOException {
            if (response instanceof ServletServerHttpResponse servlet) {
                problems.write(
                        servlet.getServletResponse(),
                        StatusCodes.problem(HttpStatus.FORBIDDEN, "Cross-origin request refused."));
                return;
            }
            super.rejectRequest(response);
        }
    }
}
