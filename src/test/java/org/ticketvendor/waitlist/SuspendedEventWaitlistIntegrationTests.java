package org.ticketvendor.waitlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.ticketvendor.orders.SaleFixture;
import org.ticketvendor.support.ApiClient;
import org.ticketvendor.support.IntegrationTest;
import org.ticketvendor.support.TestAccounts;

/** Seats freed while an admin suspends the event are not offered to its waitlist until it is reinstated. */
@IntegrationTest
class SuspendedEventWaitlistIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    WaitlistOffers offers;

    @Test
    void aSuspendedEventsWaitlistGetsNoOffersUntilReinstated() {
        ApiClient api = new ApiClient(port);
        String admin = TestAccounts.withRole(api, "admin").accessToken();
        SaleFixture sale = SaleFixture.publishedEvent(api, 2, 2500, 4);
        String holder = api.newBuyerToken();
        String heldOrder =
                sale.hold(api, holder, 2).then().statusCode(201).extract().path("id");
        String waiting = api.newBuyerToken();
        String entry = api.as(waiting)
                .body("""
                        {"tier_id": "%s", "quantity": 1}
                        """.formatted(sale.tierId()))
                .post("/api/v1/waitlist")
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        api.as(admin)
                .body("""
                        {"reason": "Under review"}
                        """)
                .post("/api/v1/admin/events/" + sale.eventId() + "/suspend")
                .then()
                .statusCode(200);
        api.as(holder).post("/api/v1/orders/" + heldOrder + "/cancel").then().statusCode(200);
        offers.makeOffers();

        api.as(waiting).get("/api/v1/waitlist/" + entry).then().statusCode(200).body("status", equalTo("waiting"));
        assertThat(held(sale)).isZero();

        api.as(admin)
                .post("/api/v1/admin/events/" + sale.eventId() + "/reinstate")
                .then()
                .statusCode(200);
        offers.makeOffers();

        api.as(waiting).get("/api/v1/waitlist/" + entry).then().statusCode(200).body("status", equalTo("offered"));
        assertThat(held(sale)).isEqualTo(1);
    }

    private int held(SaleFixture sale) {
        return jdbc.sql("select held from tier_stock where tier_id = :t")
                .param("t", sale.tierId())
                .query(Integer.class)
                .single();
    }
}
