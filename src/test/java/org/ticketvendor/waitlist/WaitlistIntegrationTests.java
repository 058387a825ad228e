package org.ticketvendor.waitlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

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

/** Joining, leaving, offers in queue order, expiry hand-over and claiming, over HTTP. */
@IntegrationTest
class WaitlistIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    WaitlistOffers offers;

    @Autowired
    org.ticketvendor.inventory.Inventory inventory;

    ApiClient api;
    SaleFixture sale;
    String holder;
    String heldOrder;

    /** A tier of 2 seats, both held by an unpaid order: sold out for the public. */
    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        sale = SaleFixture.publishedEvent(api, 2, 2500, 4);
        holder = api.newBuyerToken();
        heldOrder = sale.hold(api, holder, 2).then().statusCode(201).extract().path("id");
    }

    @Test
    void joiningNeedsASoldOutTierAndHappensOncePerBuyer() {
        SaleFixture plenty = SaleFixture.publishedEvent(api, 5, 1000, 4);
        String buyer = api.newBuyerToken();
        join(buyer, plenty.tierId(), 2).then().statusCode(409).body("code", equalTo("seats_available"));
        // More than is left counts as sold out for this buyer.
        join(buyer, plenty.tierId(), 4).then().statusCode(409);
        plenty.hold(api, api.newBuyerToken(), 4).then().statusCode(201);
        join(buyer, plenty.tierId(), 2).then().statusCode(201).body("place", equalTo(1));

        String entry = join(buyer, sale.tierId(), 1)
                .then()
                .statusCode(201)
                .body("status", equalTo("waiting"))
                .body("place", equalTo(1))
                .extract()
                .path("id");
        join(buyer, sale.tierId(), 1).then().statusCode(409).body("code", equalTo("already_waiting"));
        String second = api.newBuyerToken();
        api.as(second)
                .body("""
                        {"event_id": "%s", "quantity": 2}
                        """.formatted(sale.eventId()))
                .post("/api/v1/waitlist")
                .then()
                .statusCode(201)
                .body("place", equalTo(2))
                .body("tier_id", equalTo(sale.tierId().toString()));

        api.as(buyer).get("/api/v1/waitlist").then().statusCode(200).body("total_items", equalTo(2));
        api.as(second).get("/api/v1/waitlist/" + entry).then().statusCode(404);
        api.as(second).delete("/api/v1/waitlist/" + entry).then().statusCode(404);
        api.as(second).post("/api/v1/waitlist/" + entry + "/claim").then().statusCode(404);
        api.anonymous().get("/api/v1/waitlist").then().statusCode(401);
        assertWaitingCountMatches(sale.tierId());
    }

    @Test
    void badRequestsAreRefusedWithoutAnEntry() {
        String buyer = api.newBuyerToken();
        join(buyer, sale.tierId(), 0).then().statusCode(400);
        join(buyer, sale.tierId(), 11).then().statusCode(400);
        join(buyer, sale.tierId(), 5).then().statusCode(422).body("code", equalTo("invalid_quantity"));
        join(buyer, UUID.randomUUID(), 1).then().statusCode(422).body("code", equalTo("unknown_tier"));
        api.as(buyer)
                .body("""
                        {"event_id": "%s", "tier_id": "%s", "quantity": 1}
                        """.formatted(UUID.randomUUID(), sale.tierId()))
                .post("/api/v1/waitlist")
                .then()
                .statusCode(422)
                .body("code", equalTo("tier_not_in_event"));
        api.as(buyer).body("{\"quantity\": 1}").post("/api/v1/waitlist").then().statusCode(422);
        api.as(buyer).get("/api/v1/waitlist").then().body("total_items", equalTo(0));
        assertThat(stock(sale.tierId(), "waiting")).isZero();
    }

    @Test
    void freedSeatsGoToTheQueueInOrderAndNotToThePublic() {
        String first = api.newBuyerToken();
        String second = api.newBuyerToken();
        String third = api.newBuyerToken();
        String firstEntry = join(first, sale.tierId(), 1).path("id");
        join(second, sale.tierId(), 2).then().statusCode(201);
        String thirdEntry = join(third, sale.tierId(), 1).path("id");

        api.as(holder).post("/api/v1/orders/" + heldOrder + "/cancel").then().statusCode(200);
        api.anonymous()
                .get("/api/v1/tiers/" + sale.tierId() + "/availability")
                .then()
                .body("available", equalTo(0))
                .body("waiting", equalTo(4))
                .body("sold_out", equalTo(true));
        sale.hold(api, api.newBuyerToken(), 1).then().statusCode(409).body("code", equalTo("sold_out"));

        offers.makeOffers();
        assertThat(offered()).isEqualTo(2);
        // The second wants 2 but only 1 was left after the first: the third, who wants 1, gets it.
        api.as(first).get("/api/v1/waitlist/" + firstEntry).then().body("status", equalTo("offered"));
        api.as(third)
                .get("/api/v1/waitlist/" + thirdEntry)
                .then()
                .body("status", equalTo("offered"))
                .body("offer_expires_at", notNullValue())
                .body("place", nullValue());
        offers.makeOffers();
        assertThat(offered()).isEqualTo(2);
        assertThat(stock(sale.tierId(), "held")).isEqualTo(2);
        assertWaitingCountMatches(sale.tierId());
        assertThat(audit(firstEntry)).containsExactly("waitlist.joined", "waitlist.offered");
        // Each offered buyer is told once, in the offer's transaction.
        assertThat(mails("waitlist-offer", firstEntry, thirdEntry)).isEqualTo(2);
    }

    @Test
    void anOfferIsClaimedAsAnOrderAndPaidLikeAnyOther() {
        String buyer = api.newBuyerToken();
        String entry = join(buyer, sale.tierId(), 2).path("id");
        api.as(holder).post("/api/v1/orders/" + heldOrder + "/cancel").then().statusCode(200);
        offers.makeOffers();

        Response claimed = api.as(buyer).post("/api/v1/waitlist/" + entry + "/claim");
        claimed.then()
                .statusCode(201)
                .body("status", equalTo("pending_payment"))
                .body("total_minor", equalTo(5000))
                .body("payment.client_secret", notNullValue());
        String orderId = claimed.path("order_id");
        api.as(buyer)
                .post("/api/v1/waitlist/" + entry + "/claim")
                .then()
                .statusCode(201)
                .body("order_id", equalTo(orderId));
        SaleFixture.pay(api, buyer, claimed.path("payment.provider_payment_id"));

        api.as(buyer).get("/api/v1/orders/" + orderId).then().body("status", equalTo("paid"));
        api.as(buyer).get("/api/v1/tickets").then().body("items.size()", equalTo(2));
        api.as(buyer)
                .get("/api/v1/waitlist/" + entry)
                .then()
                .body("status", equalTo("claimed"))
                .body("order_id", equalTo(orderId));
        assertThat(stock(sale.tierId(), "sold")).isEqualTo(2);
        assertThat(stock(sale.tierId(), "held")).isZero();
        api.as(buyer).delete("/api/v1/waitlist/" + entry).then().statusCode(409);
    }

    @Test
    void anUnclaimedOfferExpiresAndPassesToTheNextInLine() {
        String first = api.newBuyerToken();
        String second = api.newBuyerToken();
        String firstEntry = join(first, sale.tierId(), 2).path("id");
        String secondEntry = join(second, sale.tierId(), 2).path("id");
        api.as(holder).post("/api/v1/orders/" + heldOrder + "/cancel").then().statusCode(200);
        offers.makeOffers();
        assertThat(offered()).isEqualTo(1);

        jdbc.sql("""
                        update waitlist set offered_at = now() - interval '31 minutes',
                            offer_expires_at = now() - interval '1 second' where id = :id
                        """).param("id", UUID.fromString(firstEntry)).update();
        api.as(first)
                .post("/api/v1/waitlist/" + firstEntry + "/claim")
                .then()
                .statusCode(409)
                .body("code", equalTo("no_open_offer"));
        offers.expireOffers();
        offers.makeOffers();
        assertThat(offered()).isEqualTo(1);

        api.as(first).get("/api/v1/waitlist/" + firstEntry).then().body("status", equalTo("expired"));
        api.as(second).get("/api/v1/waitlist/" + secondEntry).then().body("status", equalTo("offered"));
        assertThat(audit(firstEntry)).containsExactly("waitlist.joined", "waitlist.offered", "waitlist.offer_expired");
        assertThat(stock(sale.tierId(), "held")).isEqualTo(2);
    }

    @Test
    void leavingGivesSeatsToTheNextOrBackToThePublic() {
        String first = api.newBuyerToken();
        String firstEntry = join(first, sale.tierId(), 2).path("id");
        api.as(holder).post("/api/v1/orders/" + heldOrder + "/cancel").then().statusCode(200);
        offers.makeOffers();

        api.as(first).delete("/api/v1/waitlist/" + firstEntry).then().statusCode(204);
        api.as(first).delete("/api/v1/waitlist/" + firstEntry).then().statusCode(204);
        // Nobody else waits: the seats are on public sale again.
        api.anonymous()
                .get("/api/v1/tiers/" + sale.tierId() + "/availability")
                .then()
                .body("available", equalTo(2))
                .body("waiting", equalTo(0));
        assertThat(audit(firstEntry)).containsExactly("waitlist.joined", "waitlist.offered", "waitlist.left");
    }

    @Test
    void seatsAddedByACapacityIncreaseGoToTheQueueFirst() {
        String buyer = api.newBuyerToken();
        String entry = join(buyer, sale.tierId(), 2).path("id");
        inventory.resize(sale.tierId(), 5);

        api.anonymous()
                .get("/api/v1/tiers/" + sale.tierId() + "/availability")
                .then()
                .body("available", equalTo(1))
                .body("waiting", equalTo(2));
        offers.makeOffers();
        api.as(buyer).get("/api/v1/waitlist/" + entry).then().body("status", equalTo("offered"));
        api.anonymous()
                .get("/api/v1/tiers/" + sale.tierId() + "/availability")
                .then()
                .body("available", equalTo(1))
                .body("held", equalTo(4));
    }

    @Test
    void remindersGoOutOnceBeforeAnOfferExpires() {
        String buyer = api.newBuyerToken();
        String entry = join(buyer, sale.tierId(), 1).path("id");
        api.as(holder).post("/api/v1/orders/" + heldOrder + "/cancel").then().statusCode(200);
        offers.makeOffers();
        offers.remind();
        assertThat(mails("waitlist-offer-expiring", entry)).isZero();
        jdbc.sql("update waitlist set offer_expires_at = now() + interval '5 minutes' where id = :id")
                .param("id", UUID.fromString(entry))
                .update();
        offers.remind();
        offers.remind();
        assertThat(audit(entry)).contains("waitlist.offer_expiring");
        assertThat(mails("waitlist-offer-expiring", entry)).isEqualTo(1);
    }

    @Test
    void aCancelledEventEndsItsQueue() {
        String waiting = api.newBuyerToken();
        String offered = api.newBuyerToken();
        String offeredEntry = join(offered, sale.tierId(), 1).path("id");
        String waitingEntry = join(waiting, sale.tierId(), 2).path("id");
        api.as(holder).post("/api/v1/orders/" + heldOrder + "/cancel").then().statusCode(200);
        offers.makeOffers();

        api.as(sale.promoterToken())
                .post("/api/v1/events/" + sale.eventId() + "/cancel")
                .then()
                .statusCode(200);

        api.as(waiting).get("/api/v1/waitlist/" + waitingEntry).then().body("status", equalTo("cancelled"));
        api.as(offered).get("/api/v1/waitlist/" + offeredEntry).then().body("status", equalTo("cancelled"));
        assertThat(stock(sale.tierId(), "waiting")).isZero();
        assertThat(stock(sale.tierId(), "held")).isZero();
    }

    private Response join(String buyer, UUID tierId, int quantity) {
        return api.as(buyer).body("""
                        {"tier_id": "%s", "quantity": %d}
                        """.formatted(tierId, quantity)).post("/api/v1/waitlist");
    }

    /** Entries of this test's tier holding an open offer (the job works on every tier in the database). */
    private long offered() {
        return jdbc.sql("select count(*) from waitlist where tier_id = :t and status = 'offered'")
                .param("t", sale.tierId())
                .query(Long.class)
                .single();
    }

    private int stock(UUID tierId, String column) {
        return jdbc.sql("select " + column + " from tier_stock where tier_id = :t")
                .param("t", tierId)
                .query(Integer.class)
                .single();
    }

    /** The queue count always equals the seats of the entries still waiting. */
    private void assertWaitingCountMatches(UUID tierId) {
        int entries = jdbc.sql(
                        "select coalesce(sum(quantity), 0) from waitlist where tier_id = :t and status = 'waiting'")
                .param("t", tierId)
                .query(Integer.class)
                .single();
        assertThat(stock(tierId, "waiting")).isEqualTo(entries);
    }

    /** Outbox rows of the template that mention these entries (the offer id is in the mail). */
    private long mails(String template, String... entryIds) {
        long count = 0;
        for (String id : entryIds) {
            count += jdbc.sql("select count(*) from email_notifications where template = :t and reference = :id")
                    .param("t", template)
                    .param("id", id)
                    .query(Long.class)
                    .single();
        }
        return count;
    }

    private List<String> audit(String entryId) {
        return jdbc.sql("select action from audit_log where entity_id = :id order by id")
                .param("id", entryId)
                .query(String.class)
                .list();
    }
}
