package org.ticketvendor.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.UUID;

/**
 * Events and tiers made through the API by a promoter, exactly as a promoter would (as the tests'
 * {@code SaleFixture} does), so that the catalog and inventory rows are what the application makes.
 */
final class Catalog {

    record Tier(UUID eventId, UUID tierId, int capacity, String label) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Http http;
    private final String promoterToken;

    private Catalog(Http http, String promoterToken) {
        this.http = http;
        this.promoterToken = promoterToken;
    }

    /** Registers a promoter account, makes it a promoter and refreshes its token to get the role. */
    static Catalog asNewPromoter(Http http) {
        String email = "promoter-" + UUID.randomUUID().toString().substring(0, 8) + "@bench.test";
        JsonNode registered = expect(
                http.call(http.request("/api/v1/auth/register", null)
                        .header("Content-Type", "application/json")
                        .POST(Http.json("""
                                {"email": "%s", "password": "%s", "full_name": "Bench Promoter"}
                                """.formatted(email, Database.BUYER_PASSWORD)))),
                201,
                "register the promoter");
        String access = registered.path("tokens").path("access_token").asText();
        String refresh = registered.path("tokens").path("refresh_token").asText();
        expect(
                http.call(http.request("/api/v1/promoters", access)
                        .header("Content-Type", "application/json")
                        .POST(Http.json("""
                                {"company_name": "Flash Sale Bench Ltd", "contact_email": "bench@bench.test"}
                                """))),
                201,
                "become a promoter");
        JsonNode refreshed = expect(
                http.call(http.request("/api/v1/auth/refresh", null)
                        .header("Content-Type", "application/json")
                        .POST(Http.json("{\"refresh_token\": \"%s\"}".formatted(refresh)))),
                200,
                "refresh the promoter's token");
        return new Catalog(http, refreshed.path("access_token").asText());
    }

    /** A published event with one tier of {@code capacity} seats at 25.00 EUR, at most 10 per order. */
    Tier publishedTier(String label, int capacity) {
        JsonNode event = expect(
                http.call(http.request("/api/v1/events", promoterToken)
                        .header("Content-Type", "application/json")
                        .POST(Http.json("""
                                {"title": "Flash sale %s %s", "venue": {"name": "Bench Arena", "city": "Porto"},
                                 "starts_at": "2030-06-01T20:00:00Z", "currency": "EUR"}
                                """.formatted(label, UUID.randomUUID().toString().substring(0, 8))))),
                201,
                "create event " + label);
        String eventId = event.path("id").asText();
        JsonNode tier = expect(
                http.call(http.request("/api/v1/events/" + eventId + "/tiers", promoterToken)
                        .header("Content-Type", "application/json")
                        .POST(Http.json("""
                                {"name": "General", "price_minor": 2500, "capacity": %d, "max_per_order": 10}
                                """.formatted(capacity)))),
                201,
                "create the tier of " + label);
        expect(
                http.call(http.request("/api/v1/events/" + eventId + "/publish", promoterToken)
                        .POST(Http.json(""))),
                200,
                "publish " + label);
        return new Tier(UUID.fromString(eventId), UUID.fromString(tier.path("id").asText()), capacity, label);
    }

    static JsonNode parse(String body) {
        try {
            return body == null || body.isEmpty() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (Exception e) {
            return JSON.createObjectNode();
        }
    }

    private static JsonNode expect(Http.Answer answer, int status, String what) {
        if (answer.status() != status) {
            throw new IllegalStateException("Could not " + what + ": " + answer.statusLabel() + " " + answer.body());
        }
        return parse(answer.body());
    }
}
