package org.ticketvendor.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.restassured.response.Response;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.ticketvendor.support.ApiClient;
import org.ticketvendor.support.IntegrationTest;

/** The promoter flow over HTTP: events, tiers, lifecycle, versions, ownership and bad input. */
@IntegrationTest
class CatalogIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    ApiClient api;
    CatalogApi catalogApi;
    String promoter;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        catalogApi = new CatalogApi(api, jdbc);
        promoter = newPromoterToken("Owner Events");
    }

    @Test
    void aPromoterCreatesTiersPublishesAndTheEventBecomesPublic() {
        Response created = createEvent(promoter, "Björk — Live at the Harbour!");
        created.then().statusCode(201).header("ETag", "\"0\"").body("status", equalTo("draft"));
        String id = created.path("id");
        assertThat(created.<String>path("slug")).isEqualTo("bjork-live-at-the-harbour");

        api.anonymous().get("/api/v1/events/" + id).then().statusCode(404);
        api.as(promoter).get("/api/v1/events/" + id).then().statusCode(200);

        api.as(promoter)
                .post("/api/v1/events/" + id + "/publish")
                .then()
                .statusCode(409)
                .body("code", equalTo("event_has_no_tiers"));
        String tierId = createTier(promoter, id, "General", 4500, 100)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        api.as(promoter)
                .post("/api/v1/events/" + id + "/publish")
                .then()
                .statusCode(200)
                .body("status", equalTo("published"));

        api.anonymous()
                .get("/api/v1/events/bjork-live-at-the-harbour")
                .then()
                .statusCode(200)
                .body("id", equalTo(id));
        api.anonymous()
                .get("/api/v1/events/" + id + "/tiers")
                .then()
                .statusCode(200)
                .body("[0].currency", equalTo("EUR"))
                .body("[0].availability.available", equalTo(100))
                .body("[0].availability.on_sale", equalTo(true));
        api.anonymous()
                .get("/api/v1/tiers/" + tierId + "/availability")
                .then()
                .statusCode(200)
                .body("capacity", equalTo(100))
                .body("sold", equalTo(0))
                .body("held", equalTo(0))
                .body("available", equalTo(100))
                .body("sold_out", equalTo(false))
                .body("on_sale", equalTo(true));
        assertThat(auditActions(id)).contains("event.created", "event.published");
    }

    @Test
    void slugsStayUniqueAndStable() {
        String first = createEvent(promoter, "Same Title").path("slug");
        String second = createEvent(promoter, "Same Title").path("slug");
        assertThat(first).isEqualTo("same-title");
        assertThat(second).startsWith("same-title-").isNotEqualTo(first);

        Response event = createEvent(promoter, "Original Name");
        api.as(promoter)
                .header("If-Match", "\"0\"")
                .body(eventJson("Renamed Completely"))
                .put("/api/v1/events/" + event.path("id"))
                .then()
                .statusCode(200)
                .body("slug", equalTo("original-name"))
                .body("title", equalTo("Renamed Completely"))
                .header("ETag", "\"1\"");
    }

    @Test
    void updatesNeedTheCurrentVersion() {
        String id = createEvent(promoter, "Versioned").path("id");
        api.as(promoter)
                .body(eventJson("No If-Match"))
                .put("/api/v1/events/" + id)
                .then()
                .statusCode(428);
        api.as(promoter)
                .header("If-Match", "\"0\"")
                .body(eventJson("First"))
                .put("/api/v1/events/" + id)
                .then()
                .statusCode(200);
        api.as(promoter)
                .header("If-Match", "\"0\"")
                .body(eventJson("Stale write"))
                .put("/api/v1/events/" + id)
                .then()
                .statusCode(412)
                .body("code", equalTo("stale_version"))
                .body("current_version", equalTo(1));
        api.as(promoter).get("/api/v1/events/" + id).then().body("title", equalTo("First"));
    }

    @Test
    void otherPromotersSeeNothingAndBuyersAreForbidden() {
        String id = createEvent(promoter, "Mine Only").path("id");
        String tierId = createTier(promoter, id, "VIP", 9900, 10).path("id");
        String other = newPromoterToken("Rival Events");
        String buyer = api.newBuyerToken();

        api.as(other).get("/api/v1/events/" + id).then().statusCode(404);
        api.as(other)
                .header("If-Match", "\"0\"")
                .body(eventJson("Hijack"))
                .put("/api/v1/events/" + id)
                .then()
                .statusCode(404);
        api.as(other).delete("/api/v1/events/" + id).then().statusCode(404);
        api.as(other).post("/api/v1/events/" + id + "/publish").then().statusCode(404);
        api.as(other).post("/api/v1/events/" + id + "/cancel").then().statusCode(404);
        api.as(other)
                .body(tierJson("Extra", 1, 1))
                .post("/api/v1/events/" + id + "/tiers")
                .then()
                .statusCode(404);
        api.as(other)
                .header("If-Match", "\"0\"")
                .body(tierJson("VIP", 1, 1))
                .put("/api/v1/events/" + id + "/tiers/" + tierId)
                .then()
                .statusCode(404);
        api.as(other).delete("/api/v1/events/" + id + "/tiers/" + tierId).then().statusCode(404);
        api.as(other).get("/api/v1/events/" + id + "/tiers").then().statusCode(404);
        api.as(other).get("/api/v1/promoter/events").then().statusCode(200).body("items.id", not(hasItem(id)));

        api.as(buyer)
                .body(eventJson("Buyer event"))
                .post("/api/v1/events")
                .then()
                .statusCode(403);
        api.as(buyer)
                .header("If-Match", "\"0\"")
                .body(eventJson("x"))
                .put("/api/v1/events/" + id)
                .then()
                .statusCode(403);
        api.as(buyer).delete("/api/v1/events/" + id).then().statusCode(403);
        api.as(buyer)
                .body(tierJson("Extra", 1, 1))
                .post("/api/v1/events/" + id + "/tiers")
                .then()
                .statusCode(403);
        api.as(buyer).get("/api/v1/promoter/events").then().statusCode(403);
        api.anonymous()
                .body(eventJson("Anonymous"))
                .post("/api/v1/events")
                .then()
                .statusCode(401);

        api.as(api.adminToken()).get("/api/v1/events/" + id).then().statusCode(200);
    }

    @Test
    void cancelledEventsAreFinal() {
        String id = createEvent(promoter, "Doomed").path("id");
        api.as(promoter)
                .post("/api/v1/events/" + id + "/cancel")
                .then()
                .statusCode(200)
                .body("status", equalTo("cancelled"));
        api.as(promoter)
                .header("If-Match", "\"1\"")
                .body(eventJson("Revived"))
                .put("/api/v1/events/" + id)
                .then()
                .statusCode(409)
                .body("code", equalTo("event_not_editable"));
        api.as(promoter)
                .body(tierJson("Late", 1, 1))
                .post("/api/v1/events/" + id + "/tiers")
                .then()
                .statusCode(409);
        api.as(promoter)
                .post("/api/v1/events/" + id + "/publish")
                .then()
                .statusCode(409)
                .body("code", equalTo("invalid_transition"));
    }

    @Test
    void deletedEventsDisappear() {
        String id = createEvent(promoter, "Short lived").path("id");
        api.as(promoter).delete("/api/v1/events/" + id).then().statusCode(204);
        api.as(promoter).get("/api/v1/events/" + id).then().statusCode(404);
        assertThat(auditActions(id)).contains("event.deleted");
    }

    @Test
    void rejectsInconsistentOrAbsurdEventsPerFieldAndWritesNothing() {
        long before = countEvents();
        api.as(promoter)
                .body("""
                        {"title": "%s", "venue": {"name": "Hall", "city": "Lyon", "country": "XX"},
                         "starts_at": "2030-05-01T20:00:00Z", "ends_at": "2030-05-01T19:00:00Z",
                         "currency": "ZZZ", "timezone": "Mars/Olympus"}
                        """.formatted("t".repeat(10)))
                .post("/api/v1/events")
                .then()
                .statusCode(400)
                .body("errors.field", hasItems("ends_at", "currency", "timezone", "venue.country"));
        api.as(promoter)
                .body("""
                        {"title": "%s", "venue": {"name": "", "city": "Lyon"}, "currency": "eur"}
                        """.formatted("t".repeat(201)))
                .post("/api/v1/events")
                .then()
                .statusCode(400)
                .body("errors.field", hasItems("title", "venue.name", "starts_at", "currency"));
        assertThat(countEvents()).isEqualTo(before);
    }

    @Test
    void listsThePromotersOwnEventsInAnyStatus() {
        String draft = createEvent(promoter, "Draft one").path("id");
        String cancelled = createEvent(promoter, "Cancelled one").path("id");
        api.as(promoter).post("/api/v1/events/" + cancelled + "/cancel").then().statusCode(200);
        api.as(promoter)
                .get("/api/v1/promoter/events")
                .then()
                .statusCode(200)
                .body("items.id", hasItems(draft, cancelled))
                .body("total_items", equalTo(2))
                .body("items[0].status", startsWith(""));
    }

    private String newPromoterToken(String company) {
        return catalogApi.newPromoterToken(company);
    }

    private Response createEvent(String token, String title) {
        return catalogApi.createEvent(token, title);
    }

    private Response createTier(String token, String eventId, String name, long price, int capacity) {
        return catalogApi.createTier(token, eventId, name, price, capacity);
    }

    private static String eventJson(String title) {
        return CatalogApi.eventJson(title);
    }

    private static String tierJson(String name, long price, int capacity) {
        return CatalogApi.tierJson(name, price, capacity);
    }

    private long countEvents() {
        return jdbc.sql("select count(*) from events").query(Long.class).single();
    }

    private List<String> auditActions(String entityId) {
        return catalogApi.auditActions(entityId);
    }
}
