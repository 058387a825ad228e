package org.ticketvendor.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.restassured.response.Response;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.ticketvendor.orders.SaleFixture;
import org.ticketvendor.support.ApiClient;
import org.ticketvendor.support.IntegrationTest;
import org.ticketvendor.support.TestAccounts;
import org.ticketvendor.support.TestAccounts.Session;

/** An admin suspends an event: off sale and out of public sight until reinstated; sold tickets stay valid. */
@IntegrationTest
class EventSuspensionIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    ApiClient api;
    Session admin;
    SaleFixture sale;
    String event;
    String title;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        admin = TestAccounts.withRole(api, "admin");
        sale = SaleFixture.publishedEvent(api, 10, 1500, 4);
        event = sale.eventId().toString();
        title = api.anonymous().get("/api/v1/events/" + event).path("title");
    }

    @Test
    void aSuspendedEventIsHiddenFromThePublicAndNothingOfItCanBeBought() {
        String buyer = api.newBuyerToken();
        String slug = api.anonymous().get("/api/v1/events/" + event).path("slug");
        searchByTitle().then().body("items.id", hasItem(event));

        suspend(event, "Venue licence withdrawn")
                .then()
                .statusCode(200)
                .header("ETag", notNullValue())
                .body("status", equalTo("published"))
                .body("suspended_at", notNullValue())
                .body("suspension_reason", equalTo("Venue licence withdrawn"));

        api.anonymous().get("/api/v1/events/" + event).then().statusCode(404).body("code", equalTo("event_not_found"));
        api.anonymous().get("/api/v1/events/" + slug).then().statusCode(404);
        api.as(buyer).get("/api/v1/events/" + event).then().statusCode(404);
        api.anonymous().get("/api/v1/events/" + event + "/tiers").then().statusCode(404);
        api.anonymous()
                .get("/api/v1/tiers/" + sale.tierId() + "/availability")
                .then()
                .statusCode(404);
        searchByTitle().then().statusCode(200).body("total_items", equalTo(0));

        sale.hold(api, buyer, 1).then().statusCode(400).body("errors.field", hasItem("items[0].tier_id"));
        api.as(buyer)
                .body("""
                        {"tier_id": "%s", "quantity": 1}
                        """.formatted(sale.tierId()))
                .post("/api/v1/waitlist")
                .then()
                // As for any tier the public cannot see: no such tier on sale, not a state of one.
                .statusCode(422)
                .body("code", equalTo("unknown_tier"));
        assertThat(jdbc.sql("select held + sold from tier_stock where tier_id = :t")
                        .param("t", sale.tierId())
                        .query(Integer.class)
                        .single())
                .isZero();

        // Its promoter and admins still see it, and why.
        api.as(sale.promoterToken())
                .get("/api/v1/events/" + event)
                .then()
                .statusCode(200)
                .body("suspension_reason", equalTo("Venue licence withdrawn"));
        api.as(admin.accessToken()).get("/api/v1/events/" + event).then().statusCode(200);
    }

    @Test
    void reinstatingPutsAPublishedEventBackOnSale() {
        suspend(event, "Checking the organiser").then().statusCode(200);
        api.as(admin.accessToken())
                .post("/api/v1/admin/events/" + event + "/reinstate")
                .then()
                .statusCode(200)
                .body("status", equalTo("published"))
                .body("suspended_at", nullValue())
                .body("suspension_reason", nullValue());

        api.anonymous().get("/api/v1/events/" + event).then().statusCode(200);
        searchByTitle().then().body("items.id", hasItem(event));
        sale.hold(api, api.newBuyerToken(), 1).then().statusCode(201);

        Map<String, Object> suspended = audit("event.suspended");
        assertThat(suspended.get("actor_user_id")).isEqualTo(UUID.fromString(admin.id()));
        assertThat(suspended.get("actor_role")).isEqualTo("admin");
        assertThat(suspended.get("reason")).isEqualTo("Checking the organiser");
        assertThat(suspended.get("after_suspended")).isEqualTo("true");
        Map<String, Object> reinstated = audit("event.reinstated");
        assertThat(reinstated.get("actor_user_id")).isEqualTo(UUID.fromString(admin.id()));
        assertThat(reinstated.get("after_suspended")).isEqualTo("false");
    }

    @Test
    void ticketsSoldBeforeTheSuspensionStayValidAndAdmitAtTheDoor() {
        String buyer = api.newBuyerToken();
        sale.buy(api, buyer, 1);
        Response tickets = api.as(buyer).get("/api/v1/tickets");
        String ticketId = tickets.path("items[0].id");
        String code = tickets.path("items[0].code");

        suspend(event, "Dispute with the venue").then().statusCode(200);

        api.as(buyer).get("/api/v1/tickets/" + ticketId).then().statusCode(200).body("status", equalTo("valid"));
        api.as(sale.promoterToken())
                .body("""
                        {"code": "%s"}
                        """.formatted(code))
                .post("/api/v1/checkin")
                .then()
                .statusCode(200)
                .body("result", equalTo("admitted"));
    }

    @Test
    void thePromoterCannotPublishASuspendedEventNorLiftTheSuspension() {
        suspend(event, "Misleading description").then().statusCode(200);

        api.as(sale.promoterToken())
                .post("/api/v1/admin/events/" + event + "/reinstate")
                .then()
                .statusCode(403)
                .body("code", equalTo("forbidden"));
        api.as(sale.promoterToken())
                .post("/api/v1/events/" + event + "/unpublish")
                .then()
                .statusCode(200)
                .body("status", equalTo("draft"))
                .body("suspended_at", notNullValue());
        api.as(sale.promoterToken())
                .post("/api/v1/events/" + event + "/publish")
                .then()
                .statusCode(409)
                .body("code", equalTo("event_suspended"));
        api.anonymous().get("/api/v1/events/" + event).then().statusCode(404);

        api.as(admin.accessToken())
                .post("/api/v1/admin/events/" + event + "/reinstate")
                .then()
                .statusCode(200)
                .body("status", equalTo("draft"));
        api.as(sale.promoterToken())
                .post("/api/v1/events/" + event + "/publish")
                .then()
                .statusCode(200);
        api.anonymous().get("/api/v1/events/" + event).then().statusCode(200);
    }

    @Test
    void suspendingTwiceChangesNothingMoreAndFinalEventsCannotBeSuspended() {
        suspend(event, "First").then().statusCode(200);
        suspend(event, "Second").then().statusCode(200).body("suspension_reason", equalTo("First"));
        api.as(admin.accessToken())
                .post("/api/v1/admin/events/" + event + "/reinstate")
                .then()
                .statusCode(200);
        api.as(admin.accessToken())
                .post("/api/v1/admin/events/" + event + "/reinstate")
                .then()
                .statusCode(200);
        assertThat(auditCount("event.suspended")).isEqualTo(1);
        assertThat(auditCount("event.reinstated")).isEqualTo(1);

        api.as(sale.promoterToken())
                .post("/api/v1/events/" + event + "/cancel")
                .then()
                .statusCode(200);
        suspend(event, "Too late").then().statusCode(409).body("code", equalTo("event_not_editable"));
    }

    @Test
    void refusesUnknownEventsAndMissingReasons() {
        suspend(UUID.randomUUID().toString(), "Nothing")
                .then()
                .statusCode(404)
                .body("code", equalTo("event_not_found"));
        api.as(admin.accessToken())
                .post("/api/v1/admin/events/" + UUID.randomUUID() + "/reinstate")
                .then()
                .statusCode(404);
        suspend(event, "").then().statusCode(400).body("errors.field", hasItem("reason"));
        suspend(event, "y".repeat(501)).then().statusCode(400).body("errors.field", hasItem("reason"));
        api.as(admin.accessToken())
                .post("/api/v1/admin/events/not-an-id/suspend")
                .then()
                .statusCode(400);
        api.anonymous().get("/api/v1/events/" + event).then().statusCode(200);
    }

    private Response suspend(String eventId, String reason) {
        return api.as(admin.accessToken())
                .body("""
                        {"reason": "%s"}
                        """.formatted(reason))
                .post("/api/v1/admin/events/" + eventId + "/suspend");
    }

    private Response searchByTitle() {
        return api.anonymous().queryParam("q", "\"" + title + "\"").get("/api/v1/events");
    }

    private Map<String, Object> audit(String action) {
        return jdbc.sql("""
                        select actor_user_id, actor_role, after->>'reason' as reason,
                               after->>'suspended' as after_suspended
                        from audit_log where action = :action and entity_id = :id
                        """).param("action", action).param("id", event).query().singleRow();
    }

    private long auditCount(String action) {
        return jdbc.sql("select count(*) from audit_log where action = :action and entity_id = :id")
                .param("action", action)
                .param("id", event)
                .query(Long.class)
                .single();
    }
}
