package org.ticketvendor.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.ticketvendor.security.MatrixWorld.Sale;
import org.ticketvendor.support.IntegrationTest;
import org.ticketvendor.waitlist.WaitlistOffers;

/**
 * OWASP API6:2023 Unrestricted Access to Sensitive Business Flows: the flow worth automating here is
 * buying up scarce tickets. One buyer may have at most 10 tickets per event (the default
 * {@code ticketvendor.orders.max-tickets-per-buyer-per-event}) however the orders are split, raced
 * or routed through the waitlist, and a retried purchase buys once. Scripts are also slowed by the
 * per-account order rate limit (API4).
 */
@IntegrationTest
class Api6UnrestrictedAccessToSensitiveBusinessFlowsIntegrationTests {

    private static final int LIMIT = 10;

    @LocalServerPort
    int port;

    @Autowired
    WaitlistOffers offers;

    MatrixWorld w;

    @BeforeEach
    void setUp() {
        w = MatrixWorld.of(port, offers);
    }

    @Test
    void oneBuyerGetsAtMostTenTicketsOfAnEventHoweverTheOrdersAreSplit() {
        Sale sale = w.newSale(100);
        String buyer = w.api.newBuyerToken();
        w.place(buyer, sale.tierId(), 4);
        String cancelled = w.place(buyer, sale.tierId(), 4).id().toString();
        w.place(buyer, sale.tierId(), 2);

        order(buyer, sale, 1).then().statusCode(409).body("code", equalTo("buyer_limit_reached"));

        w.api.as(buyer).post("/api/v1/orders/" + cancelled + "/cancel").then().statusCode(200);
        order(buyer, sale, 4).then().statusCode(201);
        order(buyer, sale, 1).then().statusCode(409);
    }

    @Test
    void ordersOfOneBuyerRacingEachOtherStillStopAtTheLimit() throws Exception {
        Sale sale = w.newSale(100);
        String buyer = w.api.newBuyerToken();

        List<Response> raced = concurrently(8, i -> order(buyer, sale, 3));

        long placed = raced.stream().filter(r -> r.statusCode() == 201).count();
        assertThat(placed).isEqualTo(LIMIT / 3);
        assertThat(raced).allSatisfy(r -> assertThat(r.statusCode()).isIn(201, 409));
        assertThat(held(sale)).isEqualTo(placed * 3);
    }

    @Test
    void negativeControlTheSameRaceByEightBuyersPlacesEveryOrder() throws Exception {
        Sale sale = w.newSale(100);
        List<String> buyers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            buyers.add(w.api.newBuyerToken());
        }

        List<Response> raced = concurrently(8, i -> order(buyers.get(i), sale, 3));

        // The eight requests do overlap enough to pass ten tickets: only the per-buyer rule stops one buyer.
        assertThat(raced).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(201));
        assertThat(held(sale)).isEqualTo(24);
    }

    @Test
    void aRetriedPurchaseBuysOnceEvenWhenTheRetriesRace() throws Exception {
        Sale sale = w.newSale(100);
        String buyer = w.api.newBuyerToken();
        String key = UUID.randomUUID().toString();

        List<Response> raced = concurrently(8, i -> w.api.as(buyer)
                .header("Idempotency-Key", key)
                .body(MatrixWorld.orderJson(sale.tierId(), 2))
                .post("/api/v1/orders"));

        assertThat(raced).allSatisfy(r -> assertThat(r.statusCode()).isIn(201, 409));
        assertThat(raced.stream()
                        .filter(r -> r.statusCode() == 201)
                        .map(r -> r.<String>path("id"))
                        .distinct())
                .hasSize(1);
        assertThat(held(sale)).isEqualTo(2);
        assertThat(w.api.as(buyer).get("/api/v1/orders").<Integer>path("total_items"))
                .isEqualTo(1);
    }

    @Test
    void negativeControlTheSameRaceWithEightKeysPlacesEightOrders() throws Exception {
        Sale sale = w.newSale(100);
        String buyer = w.api.newBuyerToken();

        List<Response> raced = concurrently(8, i -> w.api.as(buyer)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(MatrixWorld.orderJson(sale.tierId(), 1))
                .post("/api/v1/orders"));

        assertThat(raced).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(201));
        assertThat(held(sale)).isEqualTo(8);
    }

    @Test
    void oneOrderCannotNameATierTwiceToStretchItsPerOrderMaximum() {
        Sale sale = w.newSale(100);
        String twice = """
                {"items": [{"tier_id": "%1$s", "quantity": 4}, {"tier_id": "%1$s", "quantity": 4}]}
                """.formatted(sale.tierId());

        w.as(Actor.OTHER_BUYER)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(twice)
                .post("/api/v1/orders")
                .then()
                .statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.hasItem("items[1].tier_id"));
        assertThat(held(sale)).isZero();
    }

    @Test
    void aWaitlistOfferCannotTakeABuyerPastTheLimit() {
        Sale sale = w.newSale(100);
        String scarce = w.as(Actor.PROMOTER)
                .body(MatrixWorld.tierJson(1))
                .post("/api/v1/events/" + sale.eventId() + "/tiers")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String holder = w.api.newBuyerToken();
        MatrixWorld.Order held = w.place(holder, UUID.fromString(scarce), 1);
        String buyer = w.api.newBuyerToken();
        String entry = w.api.as(buyer)
                .body("{\"tier_id\": \"" + scarce + "\", \"quantity\": 1}")
                .post("/api/v1/waitlist")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        w.place(buyer, sale.tierId(), 4);
        w.place(buyer, sale.tierId(), 4);
        w.place(buyer, sale.tierId(), 2);
        w.api.as(holder).post("/api/v1/orders/" + held.id() + "/cancel").then().statusCode(200);
        offers.makeOffers();
        w.api.as(buyer).get("/api/v1/waitlist/" + entry).then().body("status", equalTo("offered"));

        w.api.as(buyer)
                .post("/api/v1/waitlist/" + entry + "/claim")
                .then()
                .statusCode(409)
                .body("code", equalTo("buyer_limit_reached"));
        assertThat(w.api.as(buyer).get("/api/v1/orders").<Integer>path("total_items"))
                .isEqualTo(3);
    }

    private Response order(String buyer, Sale sale, int quantity) {
        return w.api.as(buyer)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(MatrixWorld.orderJson(sale.tierId(), quantity))
                .post("/api/v1/orders");
    }

    private int held(Sale sale) {
        return w.as(Actor.ANONYMOUS)
                .get("/api/v1/tiers/" + sale.tierId() + "/availability")
                .path("held");
    }

    /** Runs the calls at once (each gets its index) and returns their answers. */
    private static List<Response> concurrently(int n, java.util.function.IntFunction<Response> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<Callable<Response>> tasks = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                tasks.add(() -> {
                    start.await();
                    return call.apply(index);
                });
            }
            List<Future<Response>> futures = new ArrayList<>();
            for (Callable<Response> task : tasks) {
                futures.add(pool.submit(task));
            }
            start.countDown();
            List<Response> responses = new ArrayList<>();
            for (Future<Response> future : futures) {
                responses.add(future.get());
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }
}
