package org.ticketvendor.reliability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API over plain HTTP, as a client outside the app sees it: every call returns a {@link Reply}, also
 * when the connection broke or no answer came in time, so a test can count what clients saw.
 */
final class Shop {

    static final String PASSWORD = "reliability-Passw0rd!";
    static final JsonMapper JSON = JsonMapper.builder().build();

    /** An answer, or a failure to get one ({@code status} -1 and {@code error} set). */
    record Reply(int status, String body, String contentType, String retryAfter, String error, long millis) {

        JsonNode json() {
            try {
                return body == null || body.isEmpty() ? JSON.createObjectNode() : JSON.readTree(body);
            } catch (RuntimeException notJson) {
                return JSON.createObjectNode();
            }
        }

        String code() {
            return json().path("code").asString("");
        }

        boolean answered() {
            return status > 0;
        }

        /** e.g. {@code 201}, {@code 503:unavailable}, {@code timeout}, {@code conn_error}. */
        String label() {
            if (!answered()) {
                return error;
            }
            return status >= 400 && !code().isEmpty() ? status + ":" + code() : Integer.toString(status);
        }
    }

    /** A published event's tier. */
    record Tier(String eventId, String tierId) {}

    private final String baseUrl;
    private final HttpClient client;
    private final Duration timeout;

    Shop(String baseUrl, Duration timeout) {
        this.baseUrl = baseUrl;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(3))
                .build();
    }

    Reply get(String path, String token) {
        return send(request(path, token).GET());
    }

    Reply post(String path, String token, String json, String... headers) {
        HttpRequest.Builder request = request(path, token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json == null ? "" : json));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request);
    }

    /** Holds {@code quantity} seats of the tier under {@code idempotencyKey}. */
    Reply hold(String token, String tierId, int quantity, String idempotencyKey) {
        return post(
                "/api/v1/orders",
                token,
                "{\"items\": [{\"tier_id\": \"%s\", \"quantity\": %d}]}".formatted(tierId, quantity),
                "Idempotency-Key",
                idempotencyKey);
    }

    /** Pays a test-mode payment with the card that succeeds. */
    Reply pay(String token, String providerPaymentId) {
        return post(
                "/api/v1/payments/test-mode/" + providerPaymentId + "/pay",
                token,
                "{\"payment_method\": \"pm_test_succeeds\"}");
    }

    Reply confirm(String token, String orderId) {
        return post("/api/v1/orders/" + orderId + "/confirm", token, "");
    }

    /** Logs in; the access token, or null when that failed. */
    String login(String email) {
        Reply reply = post(
                "/api/v1/auth/login", null, "{\"email\": \"%s\", \"password\": \"%s\"}".formatted(email, PASSWORD));
        return reply.status() == 200 ? reply.json().path("access_token").asString() : null;
    }

    /** A new promoter's published event with one tier (25.00 EUR a seat), made over the API. */
    Tier publishedTier(int capacity, int maxPerOrder) {
        String email = "promoter-" + UUID.randomUUID().toString().substring(0, 8) + "@reliability.test";
        JsonNode registered = expect(
                post(
                        "/api/v1/auth/register",
                        null,
                        "{\"email\": \"%s\", \"password\": \"%s\", \"full_name\": \"Reliability Promoter\"}"
                                .formatted(email, PASSWORD)),
                201);
        String access = registered.path("tokens").path("access_token").asString();
        String refresh = registered.path("tokens").path("refresh_token").asString();
        expect(
                post(
                        "/api/v1/promoters",
                        access,
                        "{\"company_name\": \"Reliability Ltd\", \"contact_email\": \"ops@reliability.test\"}"),
                201);
        String promoter = expect(
                        post("/api/v1/auth/refresh", null, "{\"refresh_token\": \"%s\"}".formatted(refresh)), 200)
                .path("access_token")
                .asString();
        String eventId = expect(post("/api/v1/events", promoter, """
                                {"title": "Reliability %s", "venue": {"name": "Arena", "city": "Porto"},
                                 "starts_at": "2030-06-01T20:00:00Z", "currency": "EUR"}
                                """.formatted(UUID.randomUUID())), 201)
                .path("id")
                .asString();
        String tierId = expect(
                        post(
                                "/api/v1/events/" + eventId + "/tiers",
                                promoter,
                                "{\"name\": \"General\", \"price_minor\": 2500, \"capacity\": %d, \"max_per_order\": %d}"
                                        .formatted(capacity, maxPerOrder)),
                        201)
                .path("id")
                .asString();
        expect(post("/api/v1/events/" + eventId + "/publish", promoter, ""), 200);
        return new Tier(eventId, tierId);
    }

    private static JsonNode expect(Reply reply, int status) {
        if (reply.status() != status) {
            throw new IllegalStateException("Expected " + status + ", got " + reply.label() + ": " + reply.body());
        }
        return reply.json();
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(timeout)
                .header("Accept", "application/json, application/problem+json");
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private Reply send(HttpRequest.Builder builder) {
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(
                    response.statusCode(),
                    response.body(),
                    response.headers().firstValue("Content-Type").orElse(null),
                    response.headers().firstValue("Retry-After").orElse(null),
                    null,
                    (System.nanoTime() - start) / 1_000_000);
        } catch (HttpTimeoutException e) {
            return new Reply(-1, null, null, null, "timeout", (System.nanoTime() - start) / 1_000_000);
        } catch (IOException e) {
            return new Reply(-1, null, null, null, "conn_error", (System.nanoTime() - start) / 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reply(-1, null, null, null, "interrupted", (System.nanoTime() - start) / 1_000_000);
        }
    }
}
