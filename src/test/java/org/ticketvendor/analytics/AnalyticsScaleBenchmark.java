package org.ticketvendor.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.ticketvendor.analytics.domain.Granularity;
import org.ticketvendor.analytics.persistence.RefreshRepository;
import org.ticketvendor.catalog.Catalog;
import org.ticketvendor.support.ApiClient;
import org.ticketvendor.support.IntegrationTest;

/**
 * Analytics at a million tickets: seeds them in SQL, measures the views' refresh, checks the reports
 * against direct counts, measures the endpoints' latency (also while a refresh runs) and streams the
 * biggest event's CSV exports. Not part of {@code ./mvnw verify} (its name does not end in Tests); run
 * it with {@code bench/analytics.sh}, which writes {@code bench/results/<timestamp>-analytics.md}.
 */
@IntegrationTest
class AnalyticsScaleBenchmark {

    static final int ORDERS = Integer.getInteger("analytics.bench.orders", 463_500);
    static final int EVENTS = 20;
    static final int REQUESTS = Integer.getInteger("analytics.bench.requests", 300);
    static final Instant START = Instant.parse("2026-10-01T08:00:00Z");

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

    @Autowired
    RefreshRepository views;

    @Autowired
    Analytics analytics;

    final Map<String, String> results = new LinkedHashMap<>();
    final HttpClient http = HttpClient.newHttpClient();
    String admin;

    @Test
    void analyticsAtAMillionTickets() throws Exception {
        ApiClient api = new ApiClient(port);
        admin = api.adminToken();
        record(
                "machine",
                Runtime.getRuntime().availableProcessors() + " cores, PostgreSQL "
                        + jdbc.sql("show server_version").query(String.class).single() + ", load average at start "
                        + ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

        long started = System.nanoTime();
        AnalyticsSeed seed = AnalyticsSeed.create(jdbcTemplate, tx, ORDERS, EVENTS, 100_000, START);
        long tickets = count("select count(*) from tickets");
        long eventTickets = count("select count(*) from tickets where event_id = '" + seed.event(0) + "'");
        record(
                "seed",
                "%,d tickets (%,d in the biggest event), %,d orders, in %s"
                        .formatted(tickets, eventTickets, count("select count(*) from orders"), since(started)));

        measureRefresh();
        measureDirectQueries(seed);

        SeedChecks checks = new SeedChecks(api, admin, new DirectCounts(jdbc));
        started = System.nanoTime();
        checks.eventMatchesDirectCounts(seed.event(0), ZoneId.of("Europe/Lisbon"));
        checks.eventMatchesDirectCounts(seed.event(1), ZoneId.of("Asia/Kolkata"));
        checks.eventMatchesDirectCounts(seed.event(EVENTS), ZoneId.of("UTC"));
        checks.hourlySeriesMatchesDirectCounts(
                seed.event(0), seed.tier(0, 1), ZoneId.of("Europe/Lisbon"), START, START.plus(Duration.ofDays(3)));
        checks.promoterMatchesDirectCounts(seed.promoter(2), Map.of("EUR", List.of(seed.event(EVENTS))));
        record(
                "correctness",
                "events 0, 1 and %d, an hourly tier series and promoter 2 equal direct counts (checked in %s)"
                        .formatted(EVENTS, since(started)));

        Instant lastSale = START.plus(Duration.ofDays(30));
        String event = "/api/v1/promoter/events/" + seed.event(0) + "/analytics";
        Map<String, String> endpoints = new LinkedHashMap<>();
        endpoints.put("event report, daily (31 buckets)", event);
        endpoints.put("event report, hourly, 1,000 buckets", event + "?granularity=hour&to=" + lastSale);
        endpoints.put(
                "event report, one tier, hourly, 1,000 buckets",
                event + "?granularity=hour&to=" + lastSale + "&tier_id=" + seed.tier(0, 2));
        endpoints.put("promoter report (20 events)", "/api/v1/promoter/analytics?promoter_id=" + seed.promoter(1));
        for (Map.Entry<String, String> e : endpoints.entrySet()) {
            latency(e.getValue(), 30);
            record("latency: " + e.getKey(), summary(latency(e.getValue(), REQUESTS)));
        }
        latencyDuringRefresh(endpoints.get("event report, daily (31 buckets)"));
        inProcess(seed, lastSale);

        export("/api/v1/promoter/events/" + seed.event(0) + "/attendees.csv", eventTickets);
        export(
                "/api/v1/promoter/events/" + seed.event(0) + "/orders.csv",
                count("select count(*) from orders where event_id = '" + seed.event(0) + "'"));

        record(
                "load average at end",
                Double.toString(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        write();
    }

    private void measureRefresh() {
        List<Long> concurrently = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            concurrently.add(refresh.refresh().orElseThrow().toMillis());
        }
        record("refresh, all three views CONCURRENTLY in one transaction (the job), 3 runs", concurrently + " ms");
        for (String view : RefreshRepository.VIEWS) {
            long rows = count("select count(*) from " + view);
            long t0 = System.nanoTime();
            tx.executeWithoutResult(s -> views.refresh(view));
            long concurrent = millis(t0);
            t0 = System.nanoTime();
            jdbcTemplate.execute("refresh materialized view " + view);
            long plain = millis(t0);
            record(
                    "refresh " + view + " (%,d rows)".formatted(rows),
                    "CONCURRENTLY %d ms, plain (blocks readers) %d ms".formatted(concurrent, plain));
        }
    }

    /** What the report's numbers cost when counted from the tables instead of the views. */
    private void measureDirectQueries(AnalyticsSeed seed) {
        String e0 = "'" + seed.event(0) + "'";
        long t0 = System.nanoTime();
        jdbcTemplate.queryForList("""
                select oi.tier_id, count(*), count(*) filter (where o.paid_at is not null),
                       sum(oi.line_total_minor) filter (where o.paid_at is not null)
                from order_items oi join orders o on o.id = oi.order_id where o.event_id = %s group by 1
                """.formatted(e0));
        long lines = millis(t0);
        t0 = System.nanoTime();
        jdbcTemplate.queryForList("""
                select tier_id, count(*) filter (where status = 'checked_in'), count(*) filter (where status = 'refunded')
                from tickets where event_id = %s group by 1
                """.formatted(e0));
        long tickets = millis(t0);
        record(
                "the same numbers counted from the tables for the biggest event (no read model)",
                "order lines %d ms + tickets %d ms, per request".formatted(lines, tickets));
    }

    private List<Long> latency(String path, int requests) throws Exception {
        List<Long> micros = new ArrayList<>(requests);
        for (int i = 0; i < requests; i++) {
            long t0 = System.nanoTime();
            HttpResponse<String> response =
                    http.send(get(path, "application/json"), HttpResponse.BodyHandlers.ofString());
            micros.add((System.nanoTime() - t0) / 1_000);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
        }
        return micros;
    }

    /** The facade alone (its SQL and Java, no HTTP, token or JSON): where the time of a request goes. */
    private void inProcess(AnalyticsSeed seed, Instant lastSale) {
        Catalog.Editor editor = new Catalog.Editor(null, true);
        Map<String, SeriesQuery> queries = new LinkedHashMap<>();
        queries.put("daily", SeriesQuery.daily());
        queries.put("hourly, 1,000 buckets", new SeriesQuery(Granularity.HOUR, null, lastSale, null));
        for (Map.Entry<String, SeriesQuery> q : queries.entrySet()) {
            List<Long> micros = new ArrayList<>();
            for (int i = 0; i < REQUESTS + 30; i++) {
                long t0 = System.nanoTime();
                analytics.eventReport(editor, seed.event(0), q.getValue());
                if (i >= 30) {
                    micros.add((System.nanoTime() - t0) / 1_000);
                }
            }
            record("in process (Analytics.eventReport, no HTTP): " + q.getKey(), summary(micros));
        }
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < REQUESTS + 30; i++) {
            long t0 = System.nanoTime();
            analytics.promoterReport(seed.promoter(1), 0, 20);
            if (i >= 30) {
                micros.add((System.nanoTime() - t0) / 1_000);
            }
        }
        record("in process (Analytics.promoterReport, no HTTP)", summary(micros));
    }

    private void latencyDuringRefresh(String path) throws Exception {
        AtomicBoolean refreshing = new AtomicBoolean(true);
        CompletableFuture<Long> job = CompletableFuture.supplyAsync(() -> {
            try {
                return refresh.refresh().orElseThrow().toMillis();
            } finally {
                refreshing.set(false);
            }
        });
        List<Long> micros = new ArrayList<>();
        while (refreshing.get()) {
            micros.addAll(latency(path, 1));
        }
        record("latency: event report while the views refresh (%d ms)".formatted(job.get()), summary(micros));
    }

    private void export(String path, long expectedRows) throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long baseline = memory.getHeapMemoryUsage().getUsed();
        AtomicLong peak = new AtomicLong(baseline);
        AtomicBoolean running = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (running.get()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.start();
        long t0 = System.nanoTime();
        HttpResponse<InputStream> response =
                http.send(get(path, "text/csv"), HttpResponse.BodyHandlers.ofInputStream());
        long bytes = 0;
        long lines = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = response.body()) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                bytes += n;
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }
        }
        long took = millis(t0);
        running.set(false);
        sampler.join();
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(lines)
                .as("rows with line breaks inside quotes are not expected here")
                .isEqualTo(expectedRows + 1);
        record(
                "export " + path.substring(path.lastIndexOf('/') + 1),
                "%,d rows, %,d MB in %,d ms (%,d rows/s); heap (max %d MB) peaked %d MB above its level before"
                        .formatted(
                                expectedRows,
                                bytes / 1_000_000,
                                took,
                                expectedRows * 1000 / Math.max(1, took),
                                Runtime.getRuntime().maxMemory() / 1_000_000,
                                (peak.get() - baseline) / 1_000_000));
    }

    private HttpRequest get(String path, String accept) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + admin)
                .header("Accept", accept)
                .build();
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private void record(String what, String value) {
        results.put(what, value);
        System.out.println("ANALYTICS BENCH | " + what + " | " + value);
    }

    private static String summary(List<Long> micros) {
        List<Long> sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        return "n=%d p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms"
                .formatted(
                        sorted.size(),
                        pct(sorted, 50),
                        pct(sorted, 95),
                        pct(sorted, 99),
                        sorted.get(sorted.size() - 1) / 1000.0);
    }

    private static double pct(List<Long> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index))) / 1000.0;
    }

    private static long millis(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private static String since(long t0) {
        return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - t0) / 1e9);
    }

    private void write() throws IOException {
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                .withZone(ZoneOffset.UTC)
                .format(Instant.now());
        StringBuilder md = new StringBuilder("# Analytics at scale (" + stamp + " UTC)\n\n`bench/analytics.sh`, "
                + ORDERS + " seeded orders; latencies measured by a client in the same JVM over HTTP (JWT, JSON).\n\n"
                + "| what | result |\n|---|---|\n");
        results.forEach(
                (k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        Path dir = Path.of("bench", "results");
        Files.createDirectories(dir);
        Path file = dir.resolve(stamp + "-analytics.md");
        Files.writeString(file, md.toString());
        System.out.println("ANALYTICS BENCH | written to | " + file.toAbsolutePath());
    }
}
