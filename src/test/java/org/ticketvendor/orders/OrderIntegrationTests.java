package org.ticketvendor.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.restassured.response.Response;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.ticketvendor.support.ApiClient;
import org.ticketvendor.support.IntegrationTest;

/** Placing, reading, cancelling and expiring orders over HTTP, with idempotency keys and ownership. */
@IntegrationTest
class OrderIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    OrderExpiry expiry;

    ApiClient api;
    SaleFixture sale;
    String buyer;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        sale = SaleFixture.publishedEvent(api, 5, 2500, 4);
        buyer = api.newBuyerToken();
    }

    @Test
    void placingAnOrderHoldsTheSeatsWithAPriceSnapshot() {
        Response placed = place(buyer, UUID.randomUUID().toString(), sale.tierId(), 2);
        placed.then()
                .statusCode(201)
                .body("status", equalTo("pending_payment"))
                .body("order_number", org.hamcrest.Matchers.startsWith("TV-"))
                .body("items[0].tier_name", equalTo("General"))
                .body("items[0].unit_price_minor", equalTo(2500))
                .body("total_minor", equalTo(5000))
                .body("currency", equalTo("EUR"))
                .body("expires_at", notNullValue());
        api.anonymous()
                .get("/api/v1/tiers/" + sale.tierId() + "/availability")
                .then()
                .body("held", equalTo(2));
        assertThat(audit(placed.path("id"))).contains("order.placed");
    }

    @Test
    void theSameKeyAndBodyReplaysTheFirstResponseAndBuysOnce() {
        String key = UUID.randomUUID().toString();
        Response first = place(buyer, key, sale.tierId(), 1);
        Response again = place(buyer, key, sale.tierId(), 1);

        first.then().statusCode(201);
        again.then().statusCode(201).header("Idempotent-Replayed", "true").body("id", equalTo(first.path("id")));
        api.anonymous()
                .get("/api/v1/tiers/" + sale.tierId() + "/availability")
                .then()
                .body("held", equalTo(1));
    }

    @Test
    void aKeyReusedWithAnotherBodyIsRefused() {
        String key = UUID.randomUUID().toString();
        place(buyer, key, sale.tierId(), 1).then().statusCode(201);
        place(buyer, key, sale.tierId(), 2).then().statusCode(422).body("code", equalTo("idempotency_key_reused"));
    }

    @Test
    void aKeyStillInFlightIsAnsweredWithAConflictAndADeadOneIsReclaimed() {
        String key = UUID.randomUUID().toString();
        String first = place(buyer, key, sale.tierId(), 1).path("id");
        // As if the first request were still running and had created nothing yet.
        setKeyInFlight(key, null, "0 seconds");
        place(buyer, key, sale.tierId(), 1).then().statusCode(409).body("code", equalTo("idempotency_key_in_flight"));
        // As if it had died before creating anything: the key is free again after its lease.
        setKeyInFlight(key, null, "5 minutes");
        String second = place(buyer, key, sale.tierId(), 1)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void aRetryAfterACrashReturnsTheOrderTheFirstRequestCreated() {
        String key = UUID.randomUUID().toString();
        String first = place(buyer, key, sale.tierId(), 2).path("id");
        // As if the server died after the order committed but before the response was stored.
        setKeyInFlight(key, UUID.fromString(first), "5 minutes");

        place(buyer, key, sale.tierId(), 2)
                .then()
                .statusCode(201)
                .header("Idempotent-Replayed", "true")
                .body("id", equalTo(first));
        api.as(buyer).get("/api/v1/orders").then().body("total_items", equalTo(1));
        api.anonymous()
                .get("/api/v1/tiers/" + sale.tierId() + "/availability")
                .then()
                .body("held", equalTo(2));
    }

    private void setKeyInFlight(String key, UUID resource, String age) {
        jdbc.sql("""
                        update idempotency_keys set status = 'in_flight', response_status = null, response_body = null,
                            resource_id = :resource, created_at = now() - cast(:age as interval)
                        where key = :key
                        """)
                .param("resource", resource)
                .param("age", age)
                .param("key", key)
                .update();
    }

    @Test
    void ordersNeedAnIdempotencyKey() {
        api.as(buyer)
                .body(itemsJson(sale.tierId(), 1))
                .post("/api/v1/orders")
                .then()
                .statusCode(400)
                .body("code", equalTo("idempotency_key_required"));
    }

    @Test
    void soldOutAnswersWithWhatIsLeftAndHoldsNothing() {
        place(buyer, UUID.randomUUID().toString(), sale.tierId(), 4).then().statusCode(201);
        place(api.newBuyerToken(), UUID.randomUUID().toString(), sale.tierId(), 2)
                .then()
                .statusCode(409)
                .body("code", equalTo("sold_out"))
                .body("available[0].available", equalTo(1));
        api.anonymous()
                .get("/api/v1/tiers/" + sale.tierId() + "/availability")
                .then()
                .body("held", equalTo(4));
    }

    @Test
    void rejectsBadQuantitiesUnknownTiersAndClosedSales() {
        place(buyer, UUID.randomUUID().toString(), sale.tierId(), 0).then().statusCode(400);
        place(buyer, UUID.randomUUID().toString(), sale.tierId(), 5)
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("items[0].quantity"));
        api.as(buyer)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body("""
                        {"items": [{"tier_id": "%s", "quantity": 1000000000}]}
                        """.formatted(sale.tierId()))
                .post("/api/v1/orders")
                .then()
                .statusCode(400);
        place(buyer, UUID.randomUUID().toString(), UUID.randomUUID(), 1)
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("items[0].tier_id"));
        jdbc.sql(
                        "update ticket_tiers set sales_end_at = now() - interval '1 minute', sales_start_at = now() - interval '1 day' where id = :t")
                .param("t", sale.tierId())
                .update();
        place(buyer, UUID.randomUUID().toString(), sale.tierId(), 1)
                .then()
                .statusCode(409)
                .body("code", equalTo("not_on_sale"));
        api.anonymous()
                .get("/api/v1/tiers/" + sale.tierId() + "/availability")
                .then()
                .body("held", equalTo(0));
    }

    @Test
    void oneBuyerCannotExceedThePerEventLimit() {
        SaleFixture big = SaleFixture.publishedEvent(api, 100, 1000, 10);
        place(buyer, UUID.randomUUID().toString(), big.tierId(), 10).then().statusCode(201);
        place(buyer, UUID.randomUUID().toString(), big.tierId(), 1)
                .then()
                .statusCode(409)
                .body("code", equalTo("buyer_limit_reached"));
    }

    @Test
    void buyersSeeOnlyTheirOwnOrders() {
        String id = place(buyer, UUID.randomUUID().toString(), sale.tierId(), 1).path("id");
        String other = api.newBuyerToken();

        api.as(other).get("/api/v1/orders/" + id).then().statusCode(404);
        api.as(other).post("/api/v1/orders/" + id + "/cancel").then().statusCode(404);
        api.as(other).get("/api/v1/orders").then().statusCode(200).body("total_items", equalTo(0));
        api.as(buyer).get("/api/v1/orders").then().statusCode(200).body("items[0].id", equalTo(id));
        api.anonymous().get("/api/v1/orders/" + id).then().statusCode(401);
    }

    @Test
    void cancellingReturnsTheSeatsAtOnce() {
        String id = place(buyer, UUID.randomUUID().toString(), sale.tierId(), 3).path("id");
        api.as(buyer)
                .post("/api/v1/orders/" + id + "/cancel")
                .then()
                .statusCode(200)
                .body("status", equalTo("cancelled"));
        api.anonymous()
                .get("/api/v1/tiers/" + sale.tierId() + "/availability")
                .then()
                .body("held", equalTo(0));
        // A retried cancel (its response was lost) gets the same answer and changes nothing.
        api.as(buyer)
                .post("/api/v1/orders/" + id + "/cancel")
                .then()
                .statusCode(200)
                .body("status", equalTo("cancelled"));
        assertThat(audit(id)).containsExactly("order.placed", "order.cancelled");
        String paid = sale.buy(api, buyer, 1);
        api.as(buyer)
                .post("/api/v1/orders/" + paid + "/cancel")
                .then()
                .statusCode(409)
                .body("code", equalTo("order_not_cancellable"));
    }

    @Test
    void unpaidOrdersExpireAndTheirSeatsReturn() {
        String id = place(buyer, UUID.randomUUID().toString(), sale.tierId(), 2).path("id");
        jdbc.sql("update orders set expires_at = now() - interval '1 second' where id = :id")
                .param("id", UUID.fromString(id))
                .update();

        expiry.expireDue();

        api.as(buyer).get("/api/v1/orders/" + id).then().body("status", equalTo("expired"));
        api.anonymous()
                .get("/api/v1/tiers/" + sale.tierId() + "/availability")
                .then()
                .body("held", equalTo(0));
        assertThat(audit(id)).containsExactly("order.placed", "order.expired");
    }

    private Response place(String token, String key, UUID tierId, int quantity) {
        return api.as(token)
                .header("Idempotency-Key", key)
                .body(itemsJson(tierId, quantity))
                .post("/api/v1/orders");
    }

    private static String itemsJson(UUID tierId, int quantity) {
        return """
                {"items": [{"tier_id": "%s", "quantity": %d}]}
                """.formatted(tierId, quantity);
    }

    private List<String> audit(String orderId) {
        return jdbc.sql("select action from audit_log where entity_id = :id and entity_type = 'order' order by id")
                .param("id", orderId)
                .query(String.class)
                .list();
    }
}
