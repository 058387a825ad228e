package org.ticketvendor.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.ticketvendor.support.ApiClient;
import org.ticketvendor.support.IntegrationTest;

/**
 * Reports over a data set made in SQL (~6,600 tickets in six events, every order outcome, refunds,
 * check-ins, waitlists, two currencies, a day with 23 hours in Lisbon and a half-hour zone) equal
 * direct counts over the same rows. The same checks run at 1,000,000 tickets in {@code
 * AnalyticsScaleBenchmark} ({@code bench/analytics.sh}).
 */
@IntegrationTest
class AnalyticsSeedIntegrationTests {

    static final Instant START = Instant.parse("2026-03-20T22:00:00Z");
    static final int EVENTS = 5;

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbcTemplate;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    AnalyticsRefresh refresh;

    static AnalyticsSeed seed;

    ApiClient api;
    SeedChecks checks;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        synchronized (AnalyticsSeedIntegrationTests.class) {
            if (seed == null) {
                seed = AnalyticsSeed.create(jdbcTemplate, tx, 3_000, EVENTS, 600, START);
            }
        }
        refresh.refresh();
        checks = new SeedChecks(api, api.adminToken(), new DirectCounts(jdbc));
    }

    @Test
    void everyEventsReportEqualsDirectCounts() {
        for (int e = 0; e <= EVENTS; e++) {
            ZoneId zone = e == 0 ? ZoneId.of("Europe/Lisbon") : e == 1 ? ZoneId.of("Asia/Kolkata") : ZoneId.of("UTC");
            checks.eventMatchesDirectCounts(seed.event(e), zone);
        }
        assertThat(checks.report(seed.event(0), "").getLong("totals.tickets_sold"))
                .isGreaterThan(2_000);
    }

    @Test
    void hourlySeriesEqualDirectCountsInAHalfHourZoneAndAcrossADaylightSavingChange() {
        checks.hourlySeriesMatchesDirectCounts(
                seed.event(1),
                seed.tier(1, 2),
                ZoneId.of("Asia/Kolkata"),
                START.plusSeconds(1_800),
                START.plusSeconds(1_800 + 48 * 3_600));
        checks.hourlySeriesMatchesDirectCounts(
                seed.event(0),
                seed.tier(0, 0),
                ZoneId.of("Europe/Lisbon"),
                Instant.parse("2026-03-28T00:00:00Z"),
                Instant.parse("2026-03-31T00:00:00Z"));
    }

    @Test
    void aPromotersTotalsPerCurrencyEqualDirectCounts() {
        Map<String, List<UUID>> byCurrency = new LinkedHashMap<>();
        byCurrency.put("EUR", List.of(seed.event(0), seed.event(1), seed.event(2), seed.event(3)));
        byCurrency.put("USD", List.of(seed.event(4)));
        checks.promoterMatchesDirectCounts(seed.promoter(1), byCurrency);
        checks.promoterMatchesDirectCounts(seed.promoter(2), Map.of("EUR", List.of(seed.event(EVENTS))));
    }

    @Test
    void exportsHoldEveryRowAndNeutraliseSeededFormulas() {
        String admin = api.adminToken();
        List<List<String>> orders = Csv.parse(api.as(admin)
                .accept("text/csv")
                .get("/api/v1/promoter/events/" + seed.event(0) + "/orders.csv")
                .asString());
        long directOrders = jdbc.sql("select count(*) from orders where event_id = :e")
                .param("e", seed.event(0))
                .query(Long.class)
                .single();
        assertThat(orders).hasSize((int) directOrders + 1);
        assertThat(orders.stream().skip(1).map(r -> r.get(6)).filter(n -> n.contains("HYPERLINK")))
                .isNotEmpty()
                .allMatch(n -> n.startsWith("'=HYPERLINK(\"x\") Buyer "));
        assertThat(orders.stream().skip(1).map(r -> r.get(6)).filter(n -> n.startsWith("Buyer")))
                .isNotEmpty()
                .allMatch(n -> n.matches("Buyer \"\\d+\", Jr\\."));

        List<List<String>> attendees = Csv.parse(api.as(admin)
                .accept("text/csv")
                .get("/api/v1/promoter/events/" + seed.event(0) + "/attendees.csv")
                .asString());
        long directTickets = jdbc.sql("select count(*) from tickets where event_id = :e")
                .param("e", seed.event(0))
                .query(Long.class)
                .single();
        assertThat(attendees).hasSize((int) directTickets + 1).allMatch(r -> r.size() == 8);
    }
}
