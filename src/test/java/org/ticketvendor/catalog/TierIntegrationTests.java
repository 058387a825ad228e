package org.ticketvendor.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;

import io.restassured.response.Response;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.ticketvendor.support.ApiClient;
import org.ticketvendor.support.IntegrationTest;

/** Tiers over HTTP: capacity against what is committed, deletion, hidden tiers, bad input, availability. */
@IntegrationTest
class TierIntegrationTests {

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
        promoter = catalogApi.newPromoterToken("Tier Events");
    }

    @Test
    void capacityRisesFreelyButFallsOnlyToWhatIsCommitted() {
        String id = createEvent(promoter, "Capacity").path("id");
        String tierId = createTier(promoter, id, "Floor", 2000, 50).path("id");
        jdbc.sql("update tier_stock set sold = 30, held = 5 where tier_id = :t")
                .param("t", UUID.fromString(tierId))
                .update();

        updateTier(id, tierId, 0, 80)
                .then()
                .statusCode(200)
                .body("capacity", equalTo(80))
                .header("ETag", "\"1\"");
        updateTier(id, tierId, 1, 34).then().statusCode(409).body("code", equalTo("capacity_below_committed"));
        updateTier(id, tierId, 1, 35).then().statusCode(200);
        api.as(promoter).get("/api/v1/tiers/" + tierId + "/availability").then().statusCode(404);
        api.as(promoter)
                .delete("/api/v1/events/" + id + "/tiers/" + tierId)
                .then()
                .statusCode(409)
                .body("code", equalTo("tier_has_sales"));
    }

    @Test
    void unusedTiersCanBeDeletedAndHiddenTiersStayPrivate() {
        String id = createEvent(promoter, "Tier housekeeping").path("id");
        String keep = createTier(promoter, id, "Public", 1000, 10).path("id");
        api.as(promoter)
                .body("""
                        {"name": "Secret", "price_minor": 1, "capacity": 5, "hidden": true}
                        """)
                .post("/api/v1/events/" + id + "/tiers")
                .then()
                .statusCode(201);
        String gone = createTier(promoter, id, "Temporary", 500, 10).path("id");
        api.as(promoter)
                .delete("/api/v1/events/" + id + "/tiers/" + gone)
                .then()
                .statusCode(204);
        api.as(promoter).post("/api/v1/events/" + id + "/publish").then().statusCode(200);

        api.anonymous().get("/api/v1/events/" + id + "/tiers").then().body("id", equalTo(List.of(keep)));
        api.as(promoter).get("/api/v1/events/" + id + "/tiers").then().body("name", hasItems("Public", "Secret"));
        assertThat(auditActions(gone)).contains("tier.created", "tier.deleted");
    }

    @Test
    void rejectsBadTiersPerField() {
        String id = createEvent(promoter, "Strict tiers").path("id");
        api.as(promoter)
                .body("""
                        {"name": "Bad", "price_minor": -1, "capacity": 0, "min_per_order": 5, "max_per_order": 2,
                         "sales_start_at": "2030-01-02T00:00:00Z", "sales_end_at": "2030-01-01T00:00:00Z"}
                        """)
                .post("/api/v1/events/" + id + "/tiers")
                .then()
                .statusCode(400)
                .body("errors.field", hasItems("price_minor", "capacity"));
        api.as(promoter)
                .body("""
                        {"name": "Bad", "price_minor": 100, "capacity": 10, "min_per_order": 5, "max_per_order": 2,
                         "sales_start_at": "2030-01-02T00:00:00Z", "sales_end_at": "2030-01-01T00:00:00Z"}
                        """)
                .post("/api/v1/events/" + id + "/tiers")
                .then()
                .statusCode(400)
                .body("errors.field", hasItems("max_per_order", "sales_end_at"));
        api.as(promoter)
                .body(tierJson("Twin", 100, 10))
                .post("/api/v1/events/" + id + "/tiers")
                .then()
                .statusCode(201);
        api.as(promoter)
                .body(tierJson("TWIN", 100, 10))
                .post("/api/v1/events/" + id + "/tiers")
                .then()
                .statusCode(409)
                .body("code", equalTo("tier_name_taken"));
        api.as(promoter).get("/api/v1/events/" + id + "/tiers").then().body("$", hasSize(1));
    }

    @Test
    void soldOutTiersDropOutOfTheHasAvailabilityFilterAndComeBack() {
        String city = "Availtown" + UUID.randomUUID().toString().substring(0, 8);
        String id = api.as(promoter)
                .body(CatalogApi.eventJson("Nearly gone").replace("\"Lyon\"", "\"" + city + "\""))
                .post("/api/v1/events")
                .path("id");
        String tierId = createTier(promoter, id, "Only", 1000, 10).path("id");
        api.as(promoter).post("/api/v1/events/" + id + "/publish").then().statusCode(200);
        jdbc.sql("update tier_stock set sold = 6 where tier_id = :t")
                .param("t", UUID.fromString(tierId))
                .update();

        assertThat(availableIn(city)).containsExactly(id);
        updateTier(id, tierId, 0, 6).then().statusCode(200);
        assertThat(availableIn(city)).isEmpty();
        api.anonymous().queryParam("city", city).get("/api/v1/events").then().body("items.id", hasItem(id));
        api.anonymous().get("/api/v1/tiers/" + tierId + "/availability").then().body("sold_out", equalTo(true));
        updateTier(id, tierId, 1, 7).then().statusCode(200);
        assertThat(availableIn(city)).containsExactly(id);
    }

    private List<String> availableIn(String city) {
        return api.anonymous()
                .queryParam("city", city)
                .queryParam("has_availability", true)
                .get("/api/v1/events")
                .then()
                .statusCode(200)
                .extract()
                .path("items.id");
    }

    private Response createTier(String token, String eventId, String name, long price, int capacity) {
        return catalogApi.createTier(token, eventId, name, price, capacity);
    }

    private Response createEvent(String token, String title) {
        return catalogApi.createEvent(token, title);
    }

    private Response updateTier(String eventId, String tierId, long version, int capacity) {
        return api.as(promoter)
                .header("If-Match", "\"" + version + "\"")
                .body(tierJson("Floor", 2000, capacity))
                .put("/api/v1/events/" + eventId + "/tiers/" + tierId);
    }

    private static String tierJson(String name, long price, int capacity) {
        return CatalogApi.tierJson(name, price, capacity);
    }

    private List<String> auditActions(String entityId) {
        return catalogApi.auditActions(entityId);
    }
}
