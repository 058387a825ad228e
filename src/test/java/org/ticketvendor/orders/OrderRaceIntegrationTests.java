package org.ticketvendor.orders;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.ticketvendor.support.ApiClient;
import org.ticketvendor.support.IntegrationTest;

/**
 * Many more buyers than seats, all at once, over HTTP: exactly as many orders as seats, every seat
 * held by exactly one order, everyone else told it is sold out. (The inventory's own race test has
 * the negative control showing the same race oversells without the guarded statement.)
 */
@IntegrationTest
class OrderRaceIntegrationTests {

    static final int BUYERS = 200;
    static final int SEATS = 20;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void manyBuyersForFewSeatsGetExactlyTheSeatsThereAre() throws Exception {
        ApiClient api = new ApiClient(port);
        SaleFixture sale = SaleFixture.publishedEvent(api, SEATS, 1500, 4);
        List<String> buyers = new ArrayList<>();
        for (int i = 0; i < BUYERS; i++) {
            buyers.add(api.newBuyerToken());
        }

        ExecutorService pool = Executors.newFixedThreadPool(50);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> statuses = new ArrayList<>();
        for (String buyer : buyers) {
            statuses.add(pool.submit(() -> {
                start.await();
                return api.as(buyer)
                        .header("Idempotency-Key", UUID.randomUUID().toString())
                        .body("""
                                {"items": [{"tier_id": "%s", "quantity": 1}]}
                                """.formatted(sale.tierId()))
                        .post("/api/v1/orders")
                        .statusCode();
            }));
        }
        start.countDown();
        List<Integer> results = new ArrayList<>();
        for (Future<Integer> status : statuses) {
            results.add(status.get(120, TimeUnit.SECONDS));
        }
        pool.shutdown();

        assertThat(results).filteredOn(s -> s == 201).hasSize(SEATS);
        assertThat(results).filteredOn(s -> s == 409).hasSize(BUYERS - SEATS);
        assertThat(jdbc.sql("select count(*) from orders where event_id = :e and status = 'pending_payment'")
                        .param("e", sale.eventId())
                        .query(Long.class)
                        .single())
                .isEqualTo(SEATS);
        assertThat(jdbc.sql("select held from tier_stock where tier_id = :t")
                        .param("t", sale.tierId())
                        .query(Integer.class)
                        .single())
                .isEqualTo(SEATS);
    }
}
