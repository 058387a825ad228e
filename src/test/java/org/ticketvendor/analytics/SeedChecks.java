package org.ticketvendor.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.ticketvendor.support.ApiClient;

/**
 * Checks the reports of seeded events ({@link AnalyticsSeed}) against {@link DirectCounts}: shared by
 * the suite's small seed and the million-ticket benchmark.
 */
final class SeedChecks {

    private final ApiClient api;
    private final String admin;
    private final DirectCounts direct;

    SeedChecks(ApiClient api, String admin, DirectCounts direct) {
        this.api = api;
        this.admin = admin;
        this.direct = direct;
    }

    JsonPath report(UUID event, String query) {
        return api.as(admin)
                .get("/api/v1/promoter/events/" + event + "/analytics" + query)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    JsonPath promoter(UUID promoterId) {
        return api.as(admin)
                .get("/api/v1/promoter/analytics?size=100&promoter_id=" + promoterId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** The event's tiers and totals equal the direct counts, and its daily series their bucketing. */
    void eventMatchesDirectCounts(UUID event, ZoneId zone) {
        JsonPath report = report(event, "?granularity=day");
        Map<UUID, Map<String, Long>> tiers = direct.tiers(event);
        List<String> ids = report.getList("tiers.tier_id");
        assertThat(ids).hasSize(tiers.size());
        for (int i = 0; i < ids.size(); i++) {
            Map<String, Long> figures = DirectCounts.figures(report, "tiers[" + i + "].figures");
            assertThat(figures).as("tier %s", ids.get(i)).isEqualTo(tiers.get(UUID.fromString(ids.get(i))));
            assertThat(figures.get("sold")).isEqualTo(figures.get("tickets_sold") - figures.get("tickets_refunded"));
        }
        assertThat(DirectCounts.figures(report, "totals")).as("event %s", event).isEqualTo(direct.event(event));
        assertThat(report.getString("sell_through.time_zone")).isEqualTo(zone.getId());
        assertThat(buckets(report)).isEqualTo(direct.soldPerBucket(event, null, "day", zone));
        assertThat(report.getLong("sell_through.buckets[-1].cumulative_sold"))
                .isEqualTo(report.getLong("totals.tickets_sold"));
    }

    /** Hourly buckets of one tier over a given range, with the running total carried in. */
    void hourlySeriesMatchesDirectCounts(UUID event, UUID tier, ZoneId zone, Instant from, Instant to) {
        JsonPath report = report(event, "?granularity=hour&tier_id=" + tier + "&from=" + from + "&to=" + to);
        Map<Instant, Long> expected = new TreeMap<>();
        direct.soldPerBucket(event, tier, "hour", zone).forEach((start, sold) -> {
            if (!start.isBefore(from) && start.isBefore(to)) {
                expected.put(start, sold);
            }
        });
        assertThat(buckets(report)).isEqualTo(expected);
        long before = direct.soldPerBucket(event, tier, "hour", zone).entrySet().stream()
                .filter(e -> e.getKey().isBefore(from))
                .mapToLong(Map.Entry::getValue)
                .sum();
        long inRange = expected.values().stream().mapToLong(Long::longValue).sum();
        assertThat(report.getLong("sell_through.buckets[-1].cumulative_sold")).isEqualTo(before + inRange);
    }

    /** The promoter's totals per currency are the sums of the direct counts of their events. */
    void promoterMatchesDirectCounts(UUID promoterId, Map<String, List<UUID>> eventsByCurrency) {
        JsonPath report = promoter(promoterId);
        assertThat(report.getList("totals.currency")).containsExactlyElementsOf(eventsByCurrency.keySet());
        int i = 0;
        for (Map.Entry<String, List<UUID>> currency : eventsByCurrency.entrySet()) {
            Map<String, Long> sum = new TreeMap<>();
            for (UUID event : currency.getValue()) {
                direct.event(event).forEach((k, v) -> sum.merge(k, v, Long::sum));
            }
            assertThat(report.getLong("totals[" + i + "].events"))
                    .isEqualTo(currency.getValue().size());
            assertThat(DirectCounts.figures(report, "totals[" + i + "].figures"))
                    .as(currency.getKey())
                    .isEqualTo(sum);
            i++;
        }
    }

    private static Map<Instant, Long> buckets(JsonPath report) {
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
}
