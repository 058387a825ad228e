package org.ticketvendor.fuzz;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Real HTTP to the application under test; every exchange is checked and counted by the {@link FuzzReport}. */
final class FuzzClient {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** One request as sent, kept for the report. */
    record Request(
            String operation,
            String strategy,
            String method,
            String target,
            List<String[]> headers,
            byte[] body,
            Identity identity,
            String resourceKind) {

        String describe() {
            StringBuilder s = new StringBuilder(method).append(' ').append(abbreviate(target, 400));
            for (String[] h : headers) {
                s.append("\n    ").append(h[0]).append(": ").append(abbreviate(h[1], 120));
            }
            if (body != null) {
                s.append("\n    body (")
                        .append(body.length)
                        .append(" bytes): ")
                        .append(abbreviate(new String(body, StandardCharsets.UTF_8), 600));
            }
            return s.toString();
        }
    }

    record Response(int status, String contentType, byte[] body, Optional<String> etag) {

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The body as JSON, or null when it is not JSON. */
        JsonNode json() {
            try {
                return body.length == 0 ? null : JSON.readTree(body);
            } catch (RuntimeException e) {
                return null;
            }
        }
    }

    private final HttpClient http;
    private final String base;
    private final FuzzReport report;

    FuzzClient(int port, FuzzReport report) {
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.base = "http://127.0.0.1:" + port;
        this.report = report;
    }

    /**
     * Sends and checks the exchange. Empty when the request could not be expressed by the HTTP client
     * (a header value it refuses): such a request is not counted.
     */
    Optional<Response> send(Request request) {
        HttpRequest.Builder builder;
        try {
            builder = HttpRequest.newBuilder(URI.create(base + request.target()))
                    .timeout(Duration.ofSeconds(30))
                    .method(
                            request.method(),
                            request.body() == null
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofByteArray(request.body()));
            for (String[] header : request.headers()) {
                builder.header(header[0], header[1]);
            }
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        long start = System.nanoTime();
        try {
            HttpResponse<byte[]> response;
            try {
                response = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException first) {
                // Once more: with a request line over Tomcat's limit (up to 36 KB of fuzzed path), the
                // server answers 400 and closes while the client may still be sending, and the client
                // can lose that answer. A server that really fails to answer fails twice.
                response = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            }
            Response result = new Response(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.body(),
                    response.headers().firstValue("ETag"));
            report.record(request, result, System.nanoTime() - start);
            return Optional.of(result);
        } catch (IOException e) {
            report.noResponse(request, e);
            return Optional.of(new Response(-1, "", new byte[0], Optional.empty()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A request the fuzzer needs to succeed (fixtures, logins): checked and counted like the rest, but
     * apart from the fuzzed ones; fails when the status is not {@code status}.
     */
    Response expect(int status, String method, String target, String token, String json) {
        List<String[]> headers = new ArrayList<>();
        headers.add(new String[] {"Content-Type", "application/json"});
        headers.add(new String[] {"Accept", "application/json, application/problem+json"});
        if (token != null) {
            headers.add(new String[] {"Authorization", "Bearer " + token});
        }
        if (method.equals("POST") && target.equals("/api/v1/orders")) {
            headers.add(
                    new String[] {"Idempotency-Key", java.util.UUID.randomUUID().toString()});
        }
        Request request = new Request(
                "setup",
                "setup",
                method,
                target,
                headers,
                json == null ? null : json.getBytes(StandardCharsets.UTF_8),
                null,
                null);
        Response response = send(request).orElseThrow();
        if (response.status() != status) {
            throw new IllegalStateException("Fixture request " + method + " " + target + " answered "
                    + response.status() + " (wanted " + status + "): " + response.text());
        }
        return response;
    }

    /**
     * An access token for the account, or empty while it is suspended or its e-mail locked (the fuzzer
     * reaches the admin endpoints too, and suspends the accounts in its user pool now and then; its
     * fuzzed logins with wrong passwords lock their e-mails for a while).
     */
    Optional<String> login(String email, String password) {
        String json = JSON.writeValueAsString(java.util.Map.of("email", email, "password", password));
        try {
            return Optional.of(expect(200, "POST", "/api/v1/auth/login", null, json)
                    .json()
                    .get("access_token")
                    .asString());
        } catch (IllegalStateException e) {
            if (e.getMessage().contains("\"account_suspended\"")
                    || e.getMessage().contains("\"login_locked\"")) {
                return Optional.empty();
            }
            throw e;
        }
    }

    static String abbreviate(String s, int max) {
        String printable = s.replaceAll("\\p{Cntrl}", "?");
        return printable.length() <= max ? printable : printable.substring(0, max) + "... (" + s.length() + " chars)";
    }
}
