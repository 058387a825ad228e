package org.ticketvendor.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.ticketvendor.security.MatrixWorld.Order;
import org.ticketvendor.security.MatrixWorld.Sale;
import org.ticketvendor.support.IntegrationTest;
import org.ticketvendor.waitlist.WaitlistOffers;

/**
 * OWASP API1:2023 Broken Object Level Authorization. Who may reach which object is the {@link
 * AccessMatrixIntegrationTests access matrix}; these are the ways around it: telling someone else's
 * object from a missing one, reusing another buyer's idempotency key, and naming an object through
 * another object that the caller does own.
 */
@IntegrationTest
class Api1BrokenObjectLevelAuthorizationIntegrationTests {

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
    void someoneElsesObjectIsAnsweredExactlyLikeOneThatDoesNotExist() {
        UUID missing = UUID.randomUUID();
        Map<String, Function<Object, Response>> probes = Map.ofEntries(
                Map.entry("order", id -> w.as(Actor.OTHER_BUYER).get("/api/v1/orders/" + id)),
                Map.entry("confirm", id -> w.as(Actor.OTHER_BUYER).post("/api/v1/orders/" + id + "/confirm")),
                Map.entry("cancel", id -> w.as(Actor.OTHER_BUYER).post("/api/v1/orders/" + id + "/cancel")),
                Map.entry("ticket", id -> w.as(Actor.OTHER_BUYER).get("/api/v1/tickets/" + id)),
                Map.entry("entry", id -> w.as(Actor.OTHER_BUYER).get("/api/v1/waitlist/" + id)),
                Map.entry("leave", id -> w.as(Actor.OTHER_BUYER).delete("/api/v1/waitlist/" + id)),
                Map.entry("claim", id -> w.as(Actor.OTHER_BUYER).post("/api/v1/waitlist/" + id + "/claim")),
                Map.entry("draft", id -> w.as(Actor.OTHER_PROMOTER).get("/api/v1/events/" + id)),
                Map.entry("draft tiers", id -> w.as(Actor.BUYER).get("/api/v1/events/" + id + "/tiers")),
                Map.entry("staff", id -> w.as(Actor.OTHER_PROMOTER).get("/api/v1/promoter/events/" + id + "/staff")),
                Map.entry("publish", id -> w.as(Actor.OTHER_PROMOTER).post("/api/v1/events/" + id + "/publish")),
                Map.entry("refund", id -> w.as(Actor.OTHER_PROMOTER)
                        .header("Idempotency-Key", UUID.randomUUID().toString())
                        .body("{\"reason\": \"probe\"}")
                        .post("/api/v1/orders/" + id + "/refund")));
        Map<String, Object> owned = Map.ofEntries(
                Map.entry("order", w.paidOrder.id()),
                Map.entry("confirm", w.paidOrder.id()),
                Map.entry("cancel", w.pendingOrder.id()),
                Map.entry("ticket", w.ticket),
                Map.entry("entry", w.waitlistEntry),
                Map.entry("leave", w.waitlistEntry),
                Map.entry("claim", w.waitlistEntry),
                Map.entry("draft", w.draft.eventId()),
                Map.entry("draft tiers", w.draft.eventId()),
                Map.entry("staff", w.event.eventId()),
                Map.entry("publish", w.draft.eventId()),
                Map.entry("refund", w.paidOrder.id()));

        probes.forEach((name, probe) -> {
            Response others = probe.apply(owned.get(name));
            assertThat(others.statusCode()).as(name).isEqualTo(404);
            assertThat(answer(others)).as(name).isEqualTo(answer(probe.apply(missing)));
        });
    }

    @Test
    void anIdempotencyKeyBelongsToItsBuyerSoAnotherBuyerNeverGetsTheFirstOrderBack() {
        Sale sale = w.newSale(10);
        String key = UUID.randomUUID().toString();
        Response first = keyed(Actor.BUYER, key, sale);
        first.then().statusCode(201);

        Response second = keyed(Actor.OTHER_BUYER, key, sale);

        second.then().statusCode(201);
        assertThat(second.header("Idempotent-Replayed")).isNull();
        assertThat(second.<String>path("id")).isNotEqualTo(first.path("id"));
        w.as(Actor.OTHER_BUYER).get("/api/v1/orders/" + first.path("id")).then().statusCode(404);
        w.as(Actor.BUYER).get("/api/v1/orders/" + second.path("id")).then().statusCode(404);
    }

    @Test
    void aTierIsReachedOnlyThroughItsOwnEvent() {
        Sale mine = w.newSale(5);
        Sale theirs = othersSale();
        String theirTierBefore = w.as(Actor.OTHER_PROMOTER)
                .get("/api/v1/events/" + theirs.eventId() + "/tiers")
                .asString();

        // The caller owns the event in the path, not the tier.
        w.as(Actor.PROMOTER)
                .header("If-Match", "\"1\"")
                .body(MatrixWorld.tierJson(1))
                .put("/api/v1/events/" + mine.eventId() + "/tiers/" + theirs.tierId())
                .then()
                .statusCode(404);
        w.as(Actor.PROMOTER)
                .delete("/api/v1/events/" + mine.eventId() + "/tiers/" + theirs.tierId())
                .then()
                .statusCode(404);
        // The caller owns the tier in the path, not the event.
        w.as(Actor.PROMOTER)
                .delete("/api/v1/events/" + theirs.eventId() + "/tiers/" + mine.tierId())
                .then()
                .statusCode(404);

        assertThat(w.as(Actor.OTHER_PROMOTER)
                        .get("/api/v1/events/" + theirs.eventId() + "/tiers")
                        .asString())
                .isEqualTo(theirTierBefore);
        w.as(Actor.PROMOTER)
                .get("/api/v1/events/" + mine.eventId() + "/tiers")
                .then()
                .body("id", org.hamcrest.Matchers.contains(mine.tierId().toString()));
    }

    @Test
    void aRefundTakesOnlyTicketsOfTheOrderItNames() {
        Order mine = w.newPaidOrder(w.newSale(5), 1);
        Order alsoMine = w.newPaidOrder(w.newSale(5), 1);
        UUID ticketOfAnotherOrder = w.ticketsOf(alsoMine).get(0);

        w.as(Actor.PROMOTER)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body("{\"reason\": \"probe\", \"ticket_ids\": [\"" + ticketOfAnotherOrder + "\"]}")
                .post("/api/v1/orders/" + mine.id() + "/refund")
                .then()
                .statusCode(409)
                .body("code", org.hamcrest.Matchers.equalTo("ticket_not_in_order"));

        w.as(Actor.BUYER).get("/api/v1/tickets/" + ticketOfAnotherOrder).then().body("status", is("valid"));
        w.as(Actor.BUYER).get("/api/v1/orders/" + mine.id()).then().body("status", is("paid"));
    }

    @Test
    void doorStaffAdmitOnlyAtTheEventTheyWorkAtWhateverEventTheScannerClaims() {
        Sale theirs = othersSale();
        String holder = w.api.newBuyerToken();
        Order order = w.place(holder, theirs.tierId(), 1);
        w.api.as(holder)
                .body("{\"payment_method\": \"pm_test_succeeds\"}")
                .post("/api/v1/payments/test-mode/" + order.paymentId() + "/pay")
                .then()
                .statusCode(200);
        Map<String, Object> ticket = w.api.as(holder).get("/api/v1/tickets").path("items[0]");
        String code = (String) ticket.get("code");

        scan(Actor.STAFF, code, null).then().statusCode(403).body("code", is("not_your_event"));
        scan(Actor.STAFF, code, w.event.eventId()).then().statusCode(409).body("code", is("wrong_event"));
        scan(Actor.PROMOTER, code, theirs.eventId()).then().statusCode(403).body("code", is("not_your_event"));

        w.api.as(holder).get("/api/v1/tickets/" + ticket.get("id")).then().body("status", is("valid"));
    }

    @Test
    void removingSomeoneWhoWorksAtAnotherPromotersEventThroughOwnEventChangesNothing() {
        Sale theirs = othersSale();
        UUID theirStaff = w.actor(Actor.OTHER_STAFF).id();
        w.as(Actor.OTHER_PROMOTER)
                .body("{\"email\": \"" + w.actor(Actor.OTHER_STAFF).email() + "\"}")
                .post("/api/v1/promoter/events/" + theirs.eventId() + "/staff")
                .then()
                .statusCode(201);

        w.as(Actor.PROMOTER)
                .delete("/api/v1/promoter/events/" + w.event.eventId() + "/staff/" + theirStaff)
                .then()
                .statusCode(404);

        w.as(Actor.OTHER_PROMOTER)
                .get("/api/v1/promoter/events/" + theirs.eventId() + "/staff")
                .then()
                .body("user_id", org.hamcrest.Matchers.contains(theirStaff.toString()));
    }

    @Test
    void tiersNobodyMayBuyAreAnsweredLikeTiersThatDoNotExist() {
        UUID draftTier = w.draft.tierId();
        UUID missing = UUID.randomUUID();
        List<Function<UUID, Response>> probes = List.of(
                tier -> w.as(Actor.OTHER_BUYER)
                        .header("Idempotency-Key", UUID.randomUUID().toString())
                        .body(MatrixWorld.orderJson(tier, 1))
                        .post("/api/v1/orders"),
                tier -> w.as(Actor.OTHER_BUYER)
                        .body("{\"tier_id\": \"" + tier + "\", \"quantity\": 1}")
                        .post("/api/v1/waitlist"),
                tier -> w.as(Actor.OTHER_BUYER).get("/api/v1/tiers/" + tier + "/availability"));

        for (Function<UUID, Response> probe : probes) {
            Response draft = probe.apply(draftTier);
            assertThat(draft.statusCode()).isBetween(400, 499);
            assertThat(answer(draft)).isEqualTo(answer(probe.apply(missing)));
        }
    }

    private Response keyed(Actor buyer, String key, Sale sale) {
        return w.as(buyer)
                .header("Idempotency-Key", key)
                .body(MatrixWorld.orderJson(sale.tierId(), 1))
                .post("/api/v1/orders");
    }

    /** A published event of OTHER_PROMOTER with one tier. */
    private Sale othersSale() {
        RequestSpecification other = w.as(Actor.OTHER_PROMOTER);
        String eventId = other.body(MatrixWorld.eventJson("Theirs " + UUID.randomUUID()))
                .post("/api/v1/events")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String tierId = w.as(Actor.OTHER_PROMOTER)
                .body(MatrixWorld.tierJson(5))
                .post("/api/v1/events/" + eventId + "/tiers")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        w.as(Actor.OTHER_PROMOTER)
                .post("/api/v1/events/" + eventId + "/publish")
                .then()
                .statusCode(200);
        return new Sale(UUID.fromString(eventId), UUID.fromString(tierId));
    }

    private Response scan(Actor scanner, String code, UUID eventId) {
        String event = eventId == null ? "" : ", \"event_id\": \"" + eventId + "\"";
        return w.as(scanner).body("{\"code\": \"" + code + "\"" + event + "}").post("/api/v1/checkin");
    }

    /** What a caller learns from a refusal: all but the request id and the path the caller sent. */
    private static String answer(Response response) {
        Map<String, Object> problem =
                new java.util.TreeMap<>(response.jsonPath().getMap("$"));
        problem.remove("request_id");
        problem.remove("instance");
        return response.statusCode() + " " + response.contentType() + " " + problem;
    }

    private static org.hamcrest.Matcher<Object> is(String value) {
        return org.hamcrest.Matchers.equalTo(value);
    }
}
