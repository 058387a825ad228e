package org.ticketvendor.catalog;

import io.restassured.response.Response;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.ticketvendor.support.ApiClient;

/** Catalog helpers for tests: promoters, events and tiers over HTTP, and their audit trail. */
final class CatalogApi {

    private final ApiClient api;
    private final JdbcClient jdbc;

    CatalogApi(ApiClient api, JdbcClient jdbc) {
        this.api = api;
        this.jdbc = jdbc;
    }

    /** Registers a buyer, makes it a promoter and returns an access token carrying the promoter role. */
    String newPromoterToken(String company) {
        Response registered = api.register(ApiClient.newEmail(), ApiClient.PASSWORD);
        api.as(registered.<String>path("tokens.access_token"))
                .body("""
                        {"company_name": "%s", "contact_email": "contact@promoter.test"}
                        """.formatted(company))
                .post("/api/v1/promoters")
                .then()
                .statusCode(201);
        return api.refresh(registered.path("tokens.refresh_token")).path("access_token");
    }

    Response createEvent(String token, String title) {
        return api.as(token).body(eventJson(title)).post("/api/v1/events");
    }

    Response createTier(String token, String eventId, String name, long price, int capacity) {
        return api.as(token).body(tierJson(name, price, capacity)).post("/api/v1/events/" + eventId + "/tiers");
    }

    List<String> auditActions(String entityId) {
        return jdbc.sql("select action from audit_log where entity_id = :id order by id")
                .param("id", entityId)
                .query(String.class)
                .list();
    }

    static String eventJson(String title) {
        return """
                {"title": "%s", "description": "An evening of music.", "category": "music",
                 "venue": {"name": "Harbour Hall", "address": "1 Quay St", "city": "Lyon", "country": "FR"},
                 "timezone": "Europe/Paris", "starts_at": "2030-05-01T19:00:00Z", "ends_at": "2030-05-01T23:00:00Z",
                 "currency": "EUR", "metadata": {"age_limit": 18}}
                """.formatted(title);
    }

    static String tierJson(String name, long price, int capacity) {
        return """
                {"name": "%s", "price_minor": %d, "capacity": %d, "max_per_order": 6}
                """.formatted(name, price, capacity);
    }
}
