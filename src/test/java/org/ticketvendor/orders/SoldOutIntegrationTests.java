package org.ticketvendor.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.ticketvendor.support.ApiClient;
import org.ticketvendor.support.IntegrationTest;

/** After a sell-out, requests are refused from memory; seats that come back are sold again at once. */
@IntegrationTest
class SoldOutIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    ApiClient api;
    SaleFixture sale;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        sale = SaleFixture.publishedEvent(api, 2, 1500, 2);
    }

    @Test
    void aSoldOutTierIsRefusedWithoutWritingAnything() {
        String holder = api.newBuyerToken();
        String held = sale.hold(api, holder, 2).then().statusCode(201).extract().path("id");

        String buyer = api.newBuyerToken();
        String key = UUID.randomUUID().toString();
        api.as(buyer)
                .header("Idempotency-Key", key)
                .body("""
                        {"items": [{"tier_id": "%s", "quantity": 1}]}
                        """.formatted(sale.tierId()))
                .post("/api/v1/orders")
                .then()
                .statusCode(409)
                .body("code", equalTo("sold_out"))
                .body("available[0].available", equalTo(0));
        assertThat(jdbc.sql("select count(*) from idempotency_keys where key = :k")
                        .param("k", key)
                        .query(Long.class)
                        .single())
                .isZero();

        // Seats that come back are for sale again at once, not after the memory of the sell-out fades.
        api.as(holder).post("/api/v1/orders/" + held + "/cancel").then().statusCode(200);
        sale.hold(api, buyer, 1).then().statusCode(201);
    }
}
