package org.ticketvendor.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ticketvendor.reliability.Shop.Reply;

/**
 * The app's embedded PostgreSQL is stopped under load and started again a few seconds later, while the
 * app process keeps running. Clients must get a clean, fast 503 problem with {@code Retry-After} during
 * the outage (never a 500, never a hang), the app must serve again within seconds of the database coming
 * back (its pool reconnects), and its background jobs (hold expiry, the mail outbox) must carry on.
 */
class DatabaseRestartReliabilityIT {

    private static final int BUYERS = 60;
    private static final int CLIENTS = 12;
    private static final Duration WARM_UP = Duration.ofSeconds(6);
    private static final Duration OUTAGE = Duration.ofSeconds(10);
    private static final Duration AFTER = Duration.ofSeconds(20);
    /** The app's pool waits this long for a connection (the default {@code ticketvendor.database.connection-timeout}). */
    private static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(5);
    /** How long after the database is back every request must succeed again. */
    private static final Duration RECOVERY = Duration.ofSeconds(10);

    @TempDir
    Path work;

    /** One request: what was asked, when (ms since the load started) and what came back. */
    record Call(String what, long sentAt, Reply reply) {
        long answeredAt() {
            return sentAt + reply.millis();
        }
    }

    @Test
    void requestsFailFastWith503DuringTheOutageAndTheAppRecoversWithoutARestart() throws Exception {
        ClusterControl.openToServerAccount(work);
        Path dataDir = work.resolve("data");
        Map<String, String> env = new LinkedHashMap<>();
        env.put("DATA_DIR", dataDir.toString());
        env.put("DATABASE_URL", "");
        env.put("TICKETVENDOR_RATE_LIMITS_ENABLED", "false");
        env.put("TICKETVENDOR_ORDERS_MAX_TICKETS_PER_BUYER_PER_EVENT", "1000");
        env.put("TICKETVENDOR_INVENTORY_HOLD_TTL", "15s");
        env.put("TICKETVENDOR_ORDERS_EXPIRY_INTERVAL", "1s");
        env.put("TICKETVENDOR_INVENTORY_SWEEP_INTERVAL", "1s");
        env.put("TICKETVENDOR_INVENTORY_SWEEP_GRACE", "3s");
        env.put("TICKETVENDOR_NOTIFICATIONS_DISPATCH_INTERVAL", "1s");
        // Mails claimed by a run the outage cut short wait for their lease to end (2 minutes by default).
        env.put("TICKETVENDOR_NOTIFICATIONS_DISPATCH_LEASE", "10s");
        ClusterControl cluster = new ClusterControl(dataDir);

        try (PackagedApp app = PackagedApp.start(env, PackagedApp.logFile("database-restart"))) {
            outageUnderLoad(app, cluster);
        } finally {
            // The app stops only the server it started itself, not the one this test started again.
            if (cluster.postmaster().isPresent()) {
                cluster.stopServer();
            }
        }
    }

    private void outageUnderLoad(PackagedApp app, ClusterControl cluster) throws Exception {
        Shop shop = new Shop(app.baseUrl(), Duration.ofSeconds(60));
        Shop.Tier tier = shop.publishedTier(100_000, 10);
        List<String> tokens = new ArrayList<>();
        try (Connection c = cluster.connect()) {
            for (String email : StockAudit.seedBuyers(
                    c, "outage-" + UUID.randomUUID().toString().substring(0, 6), BUYERS)) {
                tokens.add(shop.login(email));
            }
        }
        assertThat(tokens).doesNotContainNull();

        List<Call> calls = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean running = new AtomicBoolean(true);
        long start = System.nanoTime();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        for (int i = 0; i < CLIENTS; i++) {
            int client = i;
            clients.execute(() -> {
                for (int n = 0; running.get(); n++) {
                    String token = tokens.get((client + n * CLIENTS) % tokens.size());
                    step(shop, tier, token, client + n, start, calls);
                }
            });
        }
        Thread.sleep(WARM_UP.toMillis());
        long postmaster = cluster.postmaster().orElseThrow().pid();
        long stopped = elapsed(start);
        cluster.stopServer();
        long down = elapsed(start);
        assertThat(cluster.postmaster()).as("the server is down").isEmpty();
        Thread.sleep(OUTAGE.toMillis());
        cluster.startServer();
        long back = elapsed(start);
        assertThat(cluster.postmaster().orElseThrow().pid()).isNotEqualTo(postmaster);
        Thread.sleep(AFTER.toMillis());
        running.set(false);
        clients.shutdown();
        assertThat(clients.awaitTermination(90, TimeUnit.SECONDS)).isTrue();

        List<Call> all = List.copyOf(calls);
        System.out.printf(
                "Server stopped at %d ms (down at %d), back at %d ms; %d calls: before %s, outage %s, after %s%n",
                stopped,
                down,
                back,
                all.size(),
                tally(all, c -> c.answeredAt() < stopped, false),
                tally(all, c -> c.sentAt() >= down && c.sentAt() < back, true),
                tally(all, c -> c.sentAt() >= back, false));

        assertThat(app.isAlive()).as("the app process was never restarted").isTrue();
        assertThat(failing(all, c -> !c.reply().answered()))
                .as("requests left without an answer")
                .isEmpty();
        assertThat(failing(
                        all,
                        c -> c.reply().status() >= 500
                                && (c.reply().status() != 503
                                        || c.reply().retryAfter() == null
                                        || !c.reply().contentType().startsWith("application/problem+json"))))
                .as("server errors other than a 503 problem with Retry-After")
                .isEmpty();
        // Sent and answered while the server was down (one sent shortly before it came back may wait
        // for a connection and succeed, rightly).
        List<Call> duringOutage = all.stream()
                .filter(c -> c.sentAt() >= down && c.answeredAt() < back)
                .toList();
        assertThat(duringOutage)
                .as("requests sent and answered while the database was down")
                .isNotEmpty();
        assertThat(failing(duringOutage, c -> c.reply().status() != 503))
                .as("requests during the outage answered otherwise than 503")
                .isEmpty();
        long slowest = CONNECTION_TIMEOUT.multipliedBy(2).toMillis() + 2_000;
        assertThat(failing(all, c -> c.reply().status() == 503 && c.reply().millis() > slowest))
                .as("503s that took longer than %d ms", slowest)
                .isEmpty();
        List<Call> afterRecovery = all.stream()
                .filter(c -> c.sentAt() >= back + RECOVERY.toMillis())
                .toList();
        assertThat(afterRecovery)
                .as("requests %s after the database came back", RECOVERY)
                .isNotEmpty();
        assertThat(failing(afterRecovery, c -> c.reply().status() / 100 != 2))
                .as("requests failing %s after the database came back", RECOVERY)
                .isEmpty();
        long firstSuccess = all.stream()
                .filter(c -> c.sentAt() >= back && c.reply().status() / 100 == 2)
                .mapToLong(Call::answeredAt)
                .min()
                .orElseThrow();
        System.out.printf("First success %d ms after the database was back%n", firstSuccess - back);

        try (Connection c = cluster.connect()) {
            awaitJobs(c);
            assertThat(StockAudit.nonZero(StockAudit.violations(c, 5)))
                    .as("invariants")
                    .isEmpty();
            assertThat(StockAudit.count(c, "select count(*) from holds where status = 'active'"))
                    .as("the expiry jobs carried on after the outage: every unpaid hold expired")
                    .isZero();
            assertThat(StockAudit.count(c, "select count(*) from email_notifications where status = 'recorded'"))
                    .as("mails of orders paid after the outage were dispatched")
                    .isPositive();
            assertThat(
                            StockAudit.count(
                                    c,
                                    "select count(*) from email_notifications where status in ('pending', 'sending', 'failed')"))
                    .as("the mail outbox kept draining")
                    .isZero();
        }
        // Spring's transaction interceptor logs a rollback that failed on a broken connection at ERROR
        // by itself; everything of ours logs an outage as a warning.
        assertThat(app.logLines(" ERROR ").stream()
                        .filter(line -> !line.contains("exception overridden by rollback exception"))
                        .toList())
                .as("an outage is logged as warnings, not errors")
                .isEmpty();
    }

    /** One client step, in turn: browse, look at the tier, list orders, or buy (hold, pay, confirm). */
    private static void step(Shop shop, Shop.Tier tier, String token, int n, long start, List<Call> calls) {
        switch (n % 4) {
            case 0 ->
                record(calls, start, "GET /events/{id}", () -> shop.get("/api/v1/events/" + tier.eventId(), null));
            case 1 ->
                record(
                        calls,
                        start,
                        "GET /tiers/{id}/availability",
                        () -> shop.get("/api/v1/tiers/" + tier.tierId() + "/availability", null));
            case 2 -> record(calls, start, "GET /orders", () -> shop.get("/api/v1/orders", token));
            default -> {
                Reply hold = record(
                        calls,
                        start,
                        "POST /orders",
                        () -> shop.hold(
                                token, tier.tierId(), 1, UUID.randomUUID().toString()));
                if (hold.status() != 201 || n % 8 == 7) {
                    return; // some buyers walk away: their holds must expire
                }
                String orderId = hold.json().path("id").asString();
                String paymentId =
                        hold.json().path("payment").path("provider_payment_id").asString();
                Reply pay = record(calls, start, "POST /payments/test-mode/{id}/pay", () -> shop.pay(token, paymentId));
                if (pay.status() == 200) {
                    record(calls, start, "POST /orders/{id}/confirm", () -> shop.confirm(token, orderId));
                }
            }
        }
    }

    private static Reply record(List<Call> calls, long start, String what, java.util.function.Supplier<Reply> request) {
        long sentAt = elapsed(start);
        Reply reply = request.get();
        calls.add(new Call(what, sentAt, reply));
        return reply;
    }

    /** The calls matching {@code bad}, one short line each (bodies would drown the report). */
    private static List<String> failing(List<Call> calls, java.util.function.Predicate<Call> bad) {
        return calls.stream()
                .filter(bad)
                .map(c -> c.what() + " sent at " + c.sentAt() + " ms: "
                        + c.reply().label() + " after " + c.reply().millis() + " ms, Retry-After "
                        + c.reply().retryAfter())
                .toList();
    }

    private static long elapsed(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static Map<String, Long> tally(
            List<Call> calls, java.util.function.Predicate<Call> which, boolean byRequest) {
        return calls.stream()
                .filter(which)
                .collect(Collectors.groupingBy(
                        c -> (byRequest ? c.what() + " " : "") + c.reply().label(),
                        TreeMap::new,
                        Collectors.counting()));
    }

    /** Waits until the jobs have expired every unpaid hold and sent every mail. */
    private static void awaitJobs(Connection c) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            long open = StockAudit.count(c, """
                    select (select count(*) from holds where status = 'active')
                         + (select count(*) from orders where status = 'pending_payment')
                         + (select count(*) from email_notifications where status in ('pending', 'sending'))
                    """);
            if (open == 0) {
                return;
            }
            Thread.sleep(1000);
        }
    }
}
