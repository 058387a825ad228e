package org.ticketvendor.orders;

import io.restassured.response.Response;
import java.util.UUID;
import org.ticketvendor.support.ApiClient;

/** A published event with one tier, made over HTTP by a fresh promoter; and buying from it. */
public record SaleFixture(String promoterToken, UUID eventId, UUID tierId) {

    /** Buys {@code quantity} tickets for the buyer (test-mode payment) and returns the paid order's id. */
    public String buy(ApiClient api, String buyer, int quantity) {
        Response placed = hold(api, buyer, quantity);
        placed.then().statusCode(201);
        pay(api, buyer, placed.path("payment.provider_payment_id"));
        return placed.path("id");
    }

    /** Places an order for {@code quantity} tickets, unpaid: its seats are held. */
    public Response hold(ApiClient api, String buyer, int quantity) {
        return api.as(buyer)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body("""
                        {"items": [{"tier_id": "%s", "quantity": %d}]}
                        """.formatted(tierId, quantity))
                .post("/api/v1/orders");
    }

    /** Pays a test-mode payment with the card that succeeds. */
    public static void pay(ApiClient api, String buyer, String providerPaymentId) {
        api.as(buyer)
                .body("""
                        {"payment_method": "pm_test_succeeds"}
                        """)
                .post("/api/v1/payments/test-mode/" + providerPaymentId + "/pay")
                .then()
                .statusCode(200);
    }

    public static SaleFixture publishedEvent(ApiClient api, int capacity, long price, int maxPerOrder) {
        Response registered = api.register(ApiClient.newEmail(), ApiClient.PASSWORD);
        api.as(registered.<String>path("tokens.access_token"))
                .body("""
                        {"company_name": "Sale Fixture Ltd", "contact_email": "sales@fixture.test"}
                        """)
                .post("/api/v1/promoters")
                .then()
                .statusCode(201);
        String promoter = api.refresh(registered.path("tokens.refresh_token")).path("access_token");
        String eventId = api.as(promoter)
                .body("""
                        {"title": "Sale %s", "venue": {"name": "Arena", "city": "Porto"},
                         "starts_at": "2030-06-01T20:00:00Z", "currency": "EUR"}
                        """.formatted(UUID.randomUUID()))
                .post("/api/v1/events")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String tierId = api.as(promoter)
                .body("""
                        {"name": "General", "price_minor": %d, "capacity": %d, "max_per_order": %d}
                        """.formatted(price, capacity, maxPerOrder))
                .post("/api/v1/events/" + eventId + "/tiers")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        api.as(promoter).post("/api/v1/events/" + eventId + "/publish").then().statusCode(200);
        return new SaleFixture(promoter, UUID.fromString(eventId), UUID.fromString(tierId));
    }
}
