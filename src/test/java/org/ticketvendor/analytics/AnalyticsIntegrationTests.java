package org.ticketvendor.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.ticketvendor.support.ApiClient;
import org.ticketvendor.support.IntegrationTest;

/**
 * An event's report against what happened to it through the API (see {@link AnalyticsScenario}): each
 * number as the scenario makes it, and all of them against a direct count over the same rows.
 */
@IntegrationTest
class AnalyticsIntegrationTests {

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
    DirectCounts direct;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        scenario = AnalyticsScenario.get(api, jdbc, context);
        direct = new DirectCounts(jdbc);
        assertThat(refresh.refresh()).isPresent();
    }

    @Test
    void anEventsReportCountsEveryOutcomeOfItsSale() {
        JsonPath report = report("");

        assertThat(report.getString("currency")).isEqualTo("EUR");
        assertThat(Instant.parse(report.getString("sales_as_of")))
                .isBeforeOrEqualTo(Instant.parse(report.getString("generated_at")));
        assertThat(report.getList("tiers.name")).containsExactly("Standard", "VIP");
        assertThat(DirectCounts.figures(report, "tiers[0].figures"))
                .isEqualTo(expected(10, 4, 2, 4, 5, 1, 1, 5 * 2_500, 2_500, 0, 0, 0, 5, 2, 1, 1, 1));
        assertThat(DirectCounts.figures(report, "tiers[1].figures"))
                .isEqualTo(expected(3, 2, 1, 0, 3, 1, 1, 3 * 9_000, 9_000, 1, 2, 1, 4, 3, 0, 1, 0));
        // The event's holds are its eight orders (b1's one order has lines in both tiers).
        assertThat(DirectCounts.figures(report, "totals"))
                .isEqualTo(expected(13, 6, 3, 4, 8, 2, 2, 39_500, 11_500, 1, 2, 1, 8, 4, 1, 2, 1));
        assertThat(report.getDouble("totals.conversion.rate")).isEqualTo(0.5);
        assertThat(report.getDouble("tiers[1].figures.conversion.rate")).isEqualTo(0.75);
    }

    @Test
    void everyFigureEqualsADirectCountOverTheSameRows() {
        JsonPath report = report("");
        Map<UUID, Map<String, Long>> tiers = direct.tiers(scenario.eventId);
        List<String> ids = report.getList("tiers.tier_id");
        assertThat(ids).hasSize(tiers.size());
        for (int i = 0; i < ids.size(); i++) {
            assertThat(DirectCounts.figures(report, "tiers[" + i + "].figures"))
                    .as(ids.get(i))
                    .isEqualTo(tiers.get(UUID.fromString(ids.get(i))));
        }
        assertThat(DirectCounts.figures(report, "totals")).isEqualTo(direct.event(scenario.eventId));
        // The refunds the report counts are the refunds the orders module owes or paid.
        long owed = jdbc.sql("select coalesce(sum(amount_minor), 0) from order_refunds where order_id in (:ids)")
                .param("ids", scenario.orders)
                .query(Long.class)
                .single();
        assertThat(report.getLong("totals.refunds_minor")).isEqualTo(owed);
    }

    @Test
    void theSellThroughSeriesAddsUpToTheTicketsSoldPerHourAndPerDay() {
        ZoneId paris = ZoneId.of("Europe/Paris");
        for (String granularity : List.of("hour", "day")) {
            JsonPath report = report("?granularity=" + granularity);
            assertThat(report.getString("sell_through.granularity")).isEqualTo(granularity);
            assertThat(report.getString("sell_through.time_zone")).isEqualTo("Europe/Paris");
            assertThat(report.getLong("sell_through.capacity")).isEqualTo(13);
            assertThat(nonEmptyBuckets(report))
                    .isEqualTo(direct.soldPerBucket(scenario.eventId, null, granularity, paris));
            List<Integer> cumulative = report.getList("sell_through.buckets.cumulative_sold");
            assertThat(cumulative.get(cumulative.size() - 1)).isEqualTo(8);
            assertThat(report.getDouble("sell_through.buckets[-1].sell_through"))
                    .isEqualTo(0.6154);
        }
        JsonPath vip = report("?granularity=hour&tier_id=" + scenario.vip);
        assertThat(vip.getLong("sell_through.capacity")).isEqualTo(3);
        assertThat(nonEmptyBuckets(vip)).isEqualTo(direct.soldPerBucket(scenario.eventId, scenario.vip, "hour", paris));
        assertThat(vip.getList("sell_through.buckets.gross_minor", Long.class).stream()
                        .mapToLong(Long::longValue)
                        .sum())
                .isEqualTo(27_000);
    }

    @Test
    void anExplicitRangeCountsEarlierSalesInTheRunningTotal() {
        Instant lastSale = jdbc.sql("select max(paid_at) from orders where event_id = :e")
                .param("e", scenario.eventId)
                .query(java.sql.Timestamp.class)
                .single()
                .toInstant();
        Instant after = lastSale.plusSeconds(3 * 3600).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        JsonPath report = report("?granularity=hour&from=" + after + "&to=" + after.plusSeconds(2 * 3600));
        assertThat(report.getList("sell_through.buckets")).hasSize(2);
        assertThat(report.getList("sell_through.buckets.tickets_sold", Integer.class))
                .containsOnly(0);
        assertThat(report.getList("sell_through.buckets.cumulative_sold", Integer.class))
                .containsOnly(8);
        assertThat(report.getBoolean("sell_through.truncated")).isFalse();
    }

    @Test
    void salesAreAsOfTheLastRefreshWhileStockIsLive() {
        String[] promoter = AnalyticsScenario.newPromoter(api);
        UUID event = AnalyticsScenario.newEvent(api, promoter[0], "EUR", "UTC");
        UUID tier = AnalyticsScenario.newTier(api, promoter[0], event, "Floor", 1_000, 5);
        AnalyticsScenario.publish(api, promoter[0], event);
        AnalyticsScenario.buy(api, api.newBuyerToken(), tier, 1);
        refresh.refresh();
        AnalyticsScenario.buy(api, api.newBuyerToken(), tier, 2);

        JsonPath stale = report(promoter[0], event, "");
        assertThat(stale.getLong("totals.sold")).isEqualTo(3);
        assertThat(stale.getLong("totals.tickets_sold")).isEqualTo(1);
        assertThat(stale.getLong("totals.gross_revenue_minor")).isEqualTo(1_000);

        refresh.refresh();
        JsonPath fresh = report(promoter[0], event, "");
        assertThat(fresh.getLong("totals.tickets_sold")).isEqualTo(3);
        assertThat(fresh.getLong("totals.gross_revenue_minor")).isEqualTo(3_000);
        assertThat(Instant.parse(fresh.getString("sales_as_of")))
                .isAfter(Instant.parse(stale.getString("sales_as_of")));
    }

    @Test
    void badSeriesParametersAreClearProblems() {
        String base = "/api/v1/promoter/events/" + scenario.eventId + "/analytics";
        api.as(scenario.promoter)
                .get(base + "?granularity=week")
                .then()
                .statusCode(400)
                .body("code", equalTo("validation_failed"));
        api.as(scenario.promoter).get(base + "?from=yesterday").then().statusCode(400);
        api.as(scenario.promoter)
                .get(base + "?from=2030-01-02T00:00:00Z&to=2030-01-01T00:00:00Z")
                .then()
                .statusCode(400)
                .body("code", equalTo("invalid_range"));
        api.as(scenario.promoter)
                .get(base + "?from=1970-01-01T00:00:00Z&to=2030-01-01T00:00:00Z")
                .then()
                .statusCode(400)
                .body("code", equalTo("invalid_range"));
        // Only one bound, at the edge of what an Instant holds (found by the fuzz run: was a 500).
        api.as(scenario.promoter)
                .get(base + "?granularity=hour&to=-1000000000-01-01T00:00:00Z")
                .then()
                .statusCode(400)
                .body("code", equalTo("invalid_range"));
        api.as(scenario.promoter)
                .get(base + "?from=+1000000000-12-31T23:59:59Z")
                .then()
                .statusCode(400)
                .body("code", equalTo("invalid_range"));
        api.as(scenario.promoter)
                .get(base + "?granularity=hour&from=2030-01-01T00:00:00Z&to=2030-03-01T00:00:00Z")
                .then()
                .statusCode(400)
                .body("code", equalTo("range_too_large"))
                .body("max_buckets", equalTo(1000));
        api.as(scenario.promoter)
                .get(base + "?tier_id=" + UUID.randomUUID())
                .then()
                .statusCode(404)
                .body("code", equalTo("tier_not_found"));
        // Without from, the range ends at the last sale and keeps the latest buckets that fit.
        api.as(scenario.promoter)
                .get(base + "?granularity=hour&to=2199-01-01T00:00:00Z")
                .then()
                .statusCode(200)
                .body("sell_through.truncated", equalTo(true))
                .body("sell_through.buckets.size()", equalTo(1000));
    }

    private JsonPath report(String query) {
        return report(scenario.promoter, scenario.eventId, query);
    }

    private JsonPath report(String token, UUID event, String query) {
        return api.as(token)
                .get("/api/v1/promoter/events/" + event + "/analytics" + query)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static Map<Instant, Long> nonEmptyBuckets(JsonPath report) {
        Map<Instant, Long> buckets = new TreeMap<>();
        List<String> starts = report.getList("sell_through.buckets.start");
        List<Long> sold = report.getList("sell_through.buckets.tickets_sold", Long.class);
        for (int i = 0; i < starts.size(); i++) {
            if (sold.get(i) > 0) {
                buckets.put(Instant.parse(starts.get(i)), sold.get(i));
            }
        }
        return buckets;
    }

    /** Figures in the order of {@link DirectCounts#figures(JsonPath, String)}'s keys, as written here. */
    private static Map<String, Long> expected(
            long capacity,
            long sold,
            long held,
            long available,
            long ticketsSold,
            long ticketsRefunded,
            long checkedIn,
            long gross,
            long refunds,
            long waitlistEntries,
            long waitlistSeats,
            long offersOpen,
            long placed,
            long paid,
            long pending,
            long cancelled,
            long expired) {
        Map<String, Long> f = new TreeMap<>();
        f.put("capacity", capacity);
        f.put("sold", sold);
        f.put("held", held);
        f.put("available", available);
        f.put("tickets_sold", ticketsSold);
        f.put("tickets_refunded", ticketsRefunded);
        f.put("checked_in", checkedIn);
        f.put("gross_revenue_minor", gross);
        f.put("refunds_minor", refunds);
        f.put("net_revenue_minor", gross - refunds);
        f.put("waitlist.entries", waitlistEntries);
        f.put("waitlist.seats", waitlistSeats);
        f.put("waitlist.offers_open", offersOpen);
        f.put("holds_placed", placed);
        f.put("holds_paid", paid);
        f.put("holds_pending", pending);
        f.put("holds_cancelled", cancelled);
        f.put("holds_expired", expired);
        return f;
    }
}
