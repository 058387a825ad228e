package org.ticketvendor.tickets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.restassured.response.Response;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.ticketvendor.orders.SaleFixture;
import org.ticketvendor.support.ApiClient;
import org.ticketvendor.support.IntegrationTest;

/** Refunds by the promoter or an admin, whole orders or single tickets, through the payment provider. */
@IntegrationTest
class RefundIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    ApiClient api;
    SaleFixture sale;
    String buyer;
    String orderId;
    List<String> tickets;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        sale = SaleFixture.publishedEvent(api, 10, 2500, 4);
        buyer = api.newBuyerToken();
        orderId = sale.buy(api, buyer, 3);
        tickets = api.as(buyer).get("/api/v1/tickets").path("items.id");
    }

    @Test
    void aPartialRefundInvalidatesThoseTicketsReturnsTheirSeatsAndPaysBack() {
        refund(sale.promoterToken(), UUID.randomUUID().toString(), List.of(tickets.get(0)))
                .then()
                .statusCode(200)
                .body("order_status", equalTo("partially_refunded"))
                .body("refunded_ticket_ids", hasSize(1));

        api.as(buyer).get("/api/v1/tickets/" + tickets.get(0)).then().body("status", equalTo("refunded"));
        api.as(buyer).get("/api/v1/tickets/" + tickets.get(1)).then().body("status", equalTo("valid"));
        api.anonymous()
                .get("/api/v1/tiers/" + sale.tierId() + "/availability")
                .then()
                .body("sold", equalTo(2));
        assertThat(refundedMinor()).isEqualTo(2500);
        String code = api.as(buyer).get("/api/v1/tickets/" + tickets.get(0)).path("code");
        api.as(sale.promoterToken())
                .body("""
                        {"code": "%s"}
                        """.formatted(code))
                .post("/api/v1/checkin")
                .then()
                .statusCode(409)
                .body("code", equalTo("ticket_refunded"));
    }

    @Test
    void aFullRefundByAnAdminTakesBackEveryValidTicketOnce() {
        String key = UUID.randomUUID().toString();
        String admin = api.adminToken();
        refund(admin, key, List.of()).then().statusCode(200).body("order_status", equalTo("refunded"));
        refund(admin, key, List.of()).then().statusCode(200).header("Idempotent-Replayed", "true");
        refund(admin, UUID.randomUUID().toString(), List.of())
                .then()
                .statusCode(409)
                .body("code", equalTo("nothing_to_refund"));

        assertThat(refundedMinor()).isEqualTo(7500);
        api.anonymous()
                .get("/api/v1/tiers/" + sale.tierId() + "/availability")
                .then()
                .body("sold", equalTo(0));
    }

    @Test
    void checkedInTicketsCannotBeRefunded() {
        String code = api.as(buyer).get("/api/v1/tickets/" + tickets.get(2)).path("code");
        api.as(sale.promoterToken())
                .body("""
                        {"code": "%s"}
                        """.formatted(code))
                .post("/api/v1/checkin")
                .then()
                .statusCode(200);
        refund(sale.promoterToken(), UUID.randomUUID().toString(), List.of(tickets.get(2)))
                .then()
                .statusCode(409)
                .body("code", equalTo("ticket_checked_in"));
        assertThat(refundedMinor()).isZero();
    }

    @Test
    void onlyTheEventsPromoterOrAnAdminMayRefund() {
        SaleFixture other = SaleFixture.publishedEvent(api, 1, 100, 1);
        refund(other.promoterToken(), UUID.randomUUID().toString(), List.of())
                .then()
                .statusCode(404);
        refund(buyer, UUID.randomUUID().toString(), List.of()).then().statusCode(403);
        refund(
                        sale.promoterToken(),
                        UUID.randomUUID().toString(),
                        List.of(UUID.randomUUID().toString()))
                .then()
                .statusCode(409)
                .body("code", equalTo("ticket_not_in_order"));
        assertThat(refundedMinor()).isZero();
    }

    private Response refund(String token, String key, List<String> ticketIds) {
        String ids = ticketIds.stream()
                .map(t -> "\"" + t + "\"")
                .reduce((a, b) -> a + "," + b)
                .orElse("");
        return api.as(token)
                .header("Idempotency-Key", key)
                .body("""
                        {"ticket_ids": [%s], "reason": "requested_by_customer"}
                        """.formatted(ids))
                .post("/api/v1/orders/" + orderId + "/refund");
    }

    private long refundedMinor() {
        return jdbc.sql("""
                        select coalesce(sum(amount_minor), 0) from payment_transactions
                        where reference = :r and kind = 'refund' and status = 'succeeded'
                        """).param("r", orderId).query(Long.class).single();
    }
}
