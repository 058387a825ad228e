package org.ticketvendor.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.ticketvendor.support.ApiClient;
import org.ticketvendor.support.IntegrationTest;

/** Who sees which report: the event's promoter and admins; other promoters get 404, others 403. */
@IntegrationTest
class AnalyticsAccessIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationContext context;

    @Autowired
    AnalyticsRefresh refresh;

    ApiClient api;
    AnalyticsScenario scenario;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        scenario = AnalyticsScenario.get(api, jdbc, context);
        refresh.refresh();
    }

    @Test
    void onlyTheEventsPromoterAndAdminsSeeItsReportAndExports() {
        String otherPromoter = AnalyticsScenario.newPromoter(api)[0];
        String buyer = api.newBuyerToken();
        String admin = api.adminToken();
        String staff = staffToken();
        for (String path : List.of("/analytics", "/orders.csv", "/attendees.csv")) {
            String url = "/api/v1/promoter/events/" + scenario.eventId + path;
            String accept = path.endsWith(".csv") ? "text/csv" : "application/json";
            api.as(scenario.promoter).accept(accept).get(url).then().statusCode(200);
            api.as(admin).accept(accept).get(url).then().statusCode(200);
            api.as(otherPromoter)
                    .accept(accept)
                    .get(url)
                    .then()
                    .statusCode(404)
                    .contentType("application/problem+json")
                    .body("code", equalTo("event_not_found"));
            api.as(buyer).accept(accept).get(url).then().statusCode(403);
            api.as(staff).accept(accept).get(url).then().statusCode(403);
            api.anonymous().accept(accept).get(url).then().statusCode(401);
            api.as(scenario.promoter)
                    .accept(accept)
                    .get("/api/v1/promoter/events/" + UUID.randomUUID() + path)
                    .then()
                    .statusCode(404);
        }
    }

    @Test
    void aDeletedEventHasNoReport() {
        String promoter = AnalyticsScenario.newPromoter(api)[0];
        UUID event = AnalyticsScenario.newEvent(api, promoter, "EUR", "UTC");
        api.as(promoter)
                .get("/api/v1/promoter/events/" + event + "/analytics")
                .then()
                .statusCode(200);
        api.as(promoter).delete("/api/v1/events/" + event).then().statusCode(204);
        api.as(promoter)
                .get("/api/v1/promoter/events/" + event + "/analytics")
                .then()
                .statusCode(404);
        api.as(api.adminToken())
                .get("/api/v1/promoter/events/" + event + "/analytics")
                .then()
                .statusCode(404);
    }

    @Test
    void aPromoterSeesTotalsPerCurrencyOverAllTheirEvents() {
        String[] promoter = AnalyticsScenario.newPromoter(api);
        UUID euros = AnalyticsScenario.newEvent(api, promoter[0], "EUR", "UTC");
        UUID eurTier = AnalyticsScenario.newTier(api, promoter[0], euros, "Floor", 1_500, 10);
        UUID dollars = AnalyticsScenario.newEvent(api, promoter[0], "USD", "America/New_York");
        UUID usdTier = AnalyticsScenario.newTier(api, promoter[0], dollars, "Floor", 4_000, 5);
        UUID draft = AnalyticsScenario.newEvent(api, promoter[0], "EUR", "UTC");
        AnalyticsScenario.publish(api, promoter[0], euros);
        AnalyticsScenario.publish(api, promoter[0], dollars);
        AnalyticsScenario.buy(api, api.newBuyerToken(), eurTier, 2);
        AnalyticsScenario.buy(api, api.newBuyerToken(), usdTier, 1);
        AnalyticsScenario.hold(api, api.newBuyerToken(), usdTier, 3).then().statusCode(201);
        refresh.refresh();

        JsonPath report = api.as(promoter[0])
                .get("/api/v1/promoter/analytics?size=2")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(report.getList("totals.currency")).containsExactly("EUR", "USD");
        assertThat(report.getLong("totals[0].events")).isEqualTo(2);
        assertThat(report.getLong("totals[0].figures.capacity")).isEqualTo(10);
        assertThat(report.getLong("totals[0].figures.gross_revenue_minor")).isEqualTo(3_000);
        assertThat(report.getLong("totals[1].figures.gross_revenue_minor")).isEqualTo(4_000);
        assertThat(report.getLong("totals[1].figures.held")).isEqualTo(3);
        assertThat(report.getLong("totals[1].figures.conversion.holds_placed")).isEqualTo(2);
        assertThat(report.getDouble("totals[1].figures.conversion.rate")).isEqualTo(0.5);
        assertThat(report.getLong("events.total_items")).isEqualTo(3);
        assertThat(report.getLong("events.total_pages")).isEqualTo(2);
        assertThat(report.getList("events.items")).hasSize(2);
        JsonPath next = api.as(promoter[0])
                .get("/api/v1/promoter/analytics?size=2&page=1")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        List<String> all = new java.util.ArrayList<>(report.getList("events.items.event_id"));
        all.addAll(next.getList("events.items.event_id"));
        assertThat(all).containsExactlyInAnyOrder(euros.toString(), dollars.toString(), draft.toString());

        // Each event's figures are those of its own report.
        for (int i = 0; i < 2; i++) {
            String id = report.getString("events.items[" + i + "].event_id");
            JsonPath own = api.as(promoter[0])
                    .get("/api/v1/promoter/events/" + id + "/analytics")
                    .then()
                    .extract()
                    .jsonPath();
            assertThat(DirectCounts.figures(report, "events.items[" + i + "].figures"))
                    .isEqualTo(DirectCounts.figures(own, "totals"));
        }
    }

    @Test
    void promotersSeeOnlyTheirOwnTotalsAndAdminsNameThePromoter() {
        String own = api.as(scenario.promoter).get("/api/v1/users/me").path("promoter.id");
        assertThat(own).isNotNull();
        String other = AnalyticsScenario.newPromoter(api)[0];
        String admin = api.adminToken();

        api.as(scenario.promoter)
                .get("/api/v1/promoter/analytics?promoter_id=" + own)
                .then()
                .statusCode(200)
                .body("promoter_id", equalTo(own))
                .body("totals[0].figures.tickets_sold", equalTo(8));
        api.as(other)
                .get("/api/v1/promoter/analytics?promoter_id=" + own)
                .then()
                .statusCode(404)
                .body("code", equalTo("promoter_not_found"));
        api.as(other).get("/api/v1/promoter/analytics").then().statusCode(200).body("totals.size()", equalTo(0));
        api.as(api.newBuyerToken()).get("/api/v1/promoter/analytics").then().statusCode(403);
        api.as(admin)
                .get("/api/v1/promoter/analytics")
                .then()
                .statusCode(400)
                .body("code", equalTo("promoter_id_required"));
        api.as(admin)
                .get("/api/v1/promoter/analytics?promoter_id=" + own)
                .then()
                .statusCode(200)
                .body("totals[0].figures.gross_revenue_minor", equalTo(39_500));
        api.as(admin)
                .get("/api/v1/promoter/analytics?promoter_id=" + own + "&size=101")
                .then()
                .statusCode(400);
        api.anonymous().get("/api/v1/promoter/analytics").then().statusCode(401);
    }

    private String staffToken() {
        String email = ApiClient.newEmail();
        String id = api.register(email, ApiClient.PASSWORD).path("user.id");
        api.as(api.adminToken())
                .body("""
                        {"role": "staff"}
                        """)
                .put("/api/v1/admin/users/" + id + "/role")
                .then()
                .statusCode(200);
        return api.login(email, ApiClient.PASSWORD).path("access_token");
    }
}
