package org.ticketvendor.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import io.restassured.response.Response;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.ticketvendor.support.ApiClient;
import org.ticketvendor.support.IntegrationTest;

/** The whole purchase over HTTP with the built-in test-mode payment provider. */
@IntegrationTest
class PurchaseFlowIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    OrderExpiry expiry;

    @Autowired
    OrderPayments orderPayments;

    @Autowired
    org.ticketvendor.inventory.Holds holds;

    ApiClient api;
    SaleFixture sale;
    String buyer;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        sale = SaleFixture.publishedEvent(api, 3, 4000, 3);
        buyer = api.newBuyerToken();
    }

    @Test
    void aPaidOrderIssuesOneSignedTicketPerSeat() {
        Response placed = place(2);
        placed.then()
                .statusCode(201)
                .body("payment.provider", equalTo("test"))
                .body("payment.status", equalTo("pending"))
                .body("payment.client_secret", startsWith("tm_pi_"));
        String orderId = placed.path("id");

        pay(placed.path("payment.provider_payment_id"), "pm_test_succeeds")
                .then()
                .statusCode(200);
        api.as(buyer)
                .post("/api/v1/orders/" + orderId + "/confirm")
                .then()
                .statusCode(200)
                .body("status", equalTo("paid"));
        api.as(buyer)
                .post("/api/v1/orders/" + orderId + "/confirm")
                .then()
                .statusCode(200)
                .body("status", equalTo("paid"));

        Response tickets = api.as(buyer).get("/api/v1/tickets");
        tickets.then().statusCode(200).body("items", hasSize(2)).body("items[0].code", startsWith("TV1."));
        byte[] png = api.as(buyer)
                .accept("image/png")
                .get("/api/v1/tickets/" + tickets.path("items[0].id") + "/qr.png")
                .then()
                .statusCode(200)
                .contentType("image/png")
                .extract()
                .asByteArray();
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        api.anonymous()
                .get("/api/v1/tiers/" + sale.tierId() + "/availability")
                .then()
                .body("sold", equalTo(2))
                .body("held", equalTo(0));
        api.as(api.newBuyerToken())
                .get("/api/v1/tickets/" + tickets.path("items[0].id"))
                .then()
                .statusCode(404);
        api.anonymous()
                .accept("application/x-pem-file")
                .get("/api/v1/events/" + sale.eventId() + "/ticket-key")
                .then()
                .statusCode(200)
                .body(startsWith("-----BEGIN PUBLIC KEY-----"));
    }

    @Test
    void concurrentConfirmsOfASettledPaymentPayTheOrderOnce() throws Exception {
        Response placed = place(3);
        String orderId = placed.path("id");
        pay(placed.path("payment.provider_payment_id"), "pm_test_delayed")
                .then()
                .statusCode(200);
        api.as(buyer).post("/api/v1/orders/" + orderId + "/confirm").then().body("status", equalTo("pending_payment"));
        jdbc.sql(
                        "update payment_test_mode_intents set settles_at = now() - interval '1 second' where settles_at is not null")
                .update();

        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        java.util.List<java.util.concurrent.Future<Integer>> confirms = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            confirms.add(pool.submit(() ->
                    api.as(buyer).post("/api/v1/orders/" + orderId + "/confirm").statusCode()));
        }
        for (var confirm : confirms) {
            assertThat(confirm.get(30, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(200);
        }
        pool.shutdown();

        api.as(buyer).get("/api/v1/orders/" + orderId).then().body("status", equalTo("paid"));
        api.as(buyer).get("/api/v1/tickets").then().body("total_items", equalTo(3));
        assertThat(jdbc.sql("select count(*) from audit_log where entity_id = :id and action = 'order.paid'")
                        .param("id", orderId)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void aDeclinedPaymentLeavesTheOrderWaitingAndIssuesNothing() {
        Response placed = place(1);
        pay(placed.path("payment.provider_payment_id"), "pm_test_declines");
        api.as(buyer)
                .post("/api/v1/orders/" + placed.path("id") + "/confirm")
                .then()
                .statusCode(200)
                .body("status", equalTo("pending_payment"))
                .body("payment.status", equalTo("failed"));
        api.as(buyer).get("/api/v1/tickets").then().body("total_items", equalTo(0));
    }

    @Test
    void aPaymentArrivingAfterExpiryStillGetsFreeSeats() {
        Response placed = place(1);
        String orderId = placed.path("id");
        expireNow(orderId);
        api.as(buyer).get("/api/v1/orders/" + orderId).then().body("status", equalTo("expired"));

        pay(placed.path("payment.provider_payment_id"), "pm_test_succeeds");

        api.as(buyer).get("/api/v1/orders/" + orderId).then().body("status", equalTo("paid"));
        api.as(buyer).get("/api/v1/tickets").then().body("total_items", equalTo(1));
    }

    @Test
    void aPaymentArrivingAfterTheSeatsAreGoneIsRefunded() {
        Response placed = place(3);
        String orderId = placed.path("id");
        expireNow(orderId);
        place(api.newBuyerToken(), 3).then().statusCode(201);

        pay(placed.path("payment.provider_payment_id"), "pm_test_succeeds");
        orderPayments.payOwedRefunds();

        api.as(buyer).get("/api/v1/orders/" + orderId).then().body("status", equalTo("refunded"));
        api.as(buyer).get("/api/v1/tickets").then().body("total_items", equalTo(0));
        assertThat(jdbc.sql("select count(*) from payment_transactions where reference = :r and kind = 'refund'")
                        .param("r", orderId)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void expiringAnOrderCancelsItsPaymentFirst() {
        Response placed = place(1);
        String orderId = placed.path("id");
        jdbc.sql("update orders set expires_at = now() - interval '1 second' where id = :id")
                .param("id", UUID.fromString(orderId))
                .update();
        expiry.expireDue();

        api.as(buyer)
                .get("/api/v1/orders/" + orderId)
                .then()
                .body("status", equalTo("expired"))
                .body("payment.status", equalTo("cancelled"));
        api.anonymous()
                .get("/api/v1/tiers/" + sale.tierId() + "/availability")
                .then()
                .body("held", equalTo(0));
    }

    /**
     * Expires the order the way a crash would leave it: the inventory's sweeper gives the seats back
     * and the order follows, while the payment, already under way at the provider, is not cancelled.
     */
    private void expireNow(String orderId) {
        jdbc.sql("update holds set expires_at = now() - interval '1 hour' where reference = :r")
                .param("r", orderId)
                .update();
        holds.expireOverdue(java.time.Duration.ZERO, 1000);
    }

    private Response place(int quantity) {
        return place(buyer, quantity);
    }

    private Response place(String token, int quantity) {
        return api.as(token)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body("""
                        {"items": [{"tier_id": "%s", "quantity": %d}]}
                        """.formatted(sale.tierId(), quantity))
                .post("/api/v1/orders");
    }

    private Response pay(String paymentId, String method) {
        return api.as(buyer).body("""
                        {"payment_method": "%s"}
                        """.formatted(method)).post("/api/v1/payments/test-mode/" + paymentId + "/pay");
    }
}
