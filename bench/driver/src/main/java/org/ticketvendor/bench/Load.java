package org.ticketvendor.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The buyers. Arrivals follow an open model: buyer i is due at {@code start + i / rate}, whatever
 * happened to earlier buyers, and each request's latency runs from when it was due (for the hold: the
 * arrival; for pay and confirm: the answer before), so a slow server cannot slow the load down or hide
 * its own queueing (no coordinated omission).
 */
final class Load {

    /** What one phase measured. */
    static final class Phase {
        final String name;
        final Catalog.Tier tier;
        final int arrivals;
        final double rate;
        final double payFraction;
        final Map<String, Metric> metrics = new ConcurrentHashMap<>();
        long startNanos;
        long lastArrivalNanos;
        long endNanos;
        boolean drained;
        Map<String, Object> cpu = Map.of();
        Map<String, Object> insight = new LinkedHashMap<>();
        long dbTransactions = -1;

        Phase(String name, Catalog.Tier tier, int arrivals, double rate, double payFraction) {
            this.name = name;
            this.tier = tier;
            this.arrivals = arrivals;
            this.rate = rate;
            this.payFraction = payFraction;
        }

        Metric metric(String name) {
            return metrics.computeIfAbsent(name, Metric::new);
        }

        double arrivalSeconds() {
            return (lastArrivalNanos - startNanos) / 1e9;
        }

        /** Arrivals per second actually achieved by the scheduler (below the rate when the driver itself lags). */
        double achievedArrivalRate() {
            double s = arrivalSeconds();
            return s <= 0 ? arrivals : (arrivals - 1) / s;
        }
    }

    private final Http http;
    /** Browsing gets its own connections, so it measures the server under load, not the buyers' queue here. */
    private final Http browseHttp;
    private final double browseRate;
    private final Cpu cpu;
    private final Database db;
    private final Insight insight;

    Load(Http http, Http browseHttp, double browseRate, Cpu cpu, Database db) {
        this.http = http;
        this.browseHttp = browseHttp;
        this.browseRate = browseRate;
        this.cpu = cpu;
        this.db = db;
        this.insight = new Insight(browseHttp, db);
    }

    // ---------------------------------------------------------------- logins

    /** Logs every buyer in (closed loop, {@code concurrency} at a time); returns access tokens in order. */
    String[] login(List<String> emails, int concurrency, Metric metric) {
        String[] tokens = new String[emails.size()];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        long start = System.nanoTime();
        metric.windowFrom(start);
        List<CompletableFuture<Void>> chains = new ArrayList<>();
        for (int c = 0; c < Math.min(concurrency, emails.size()); c++) {
            CompletableFuture<Void> chain = new CompletableFuture<>();
            chains.add(chain);
            loginNext(emails, tokens, next, done, failed, metric, chain);
        }
        Thread progress = progress(() -> String.format(
                "[login %5.1fs] %d/%d logged in, %d failed, %.0f logins/s",
                (System.nanoTime() - start) / 1e9,
                done.get(),
                emails.size(),
                failed.get(),
                done.get() / Math.max(1e-3, (System.nanoTime() - start) / 1e9)));
        CompletableFuture.allOf(chains.toArray(CompletableFuture[]::new)).join();
        progress.interrupt();
        if (failed.get() > 0) {
            System.out.printf("WARNING: %d logins failed; those buyers are skipped%n", failed.get());
        }
        return tokens;
    }

    private void loginNext(
            List<String> emails,
            String[] tokens,
            AtomicInteger next,
            AtomicInteger done,
            AtomicInteger failed,
            Metric metric,
            CompletableFuture<Void> chain) {
        int i = next.getAndIncrement();
        if (i >= emails.size()) {
            chain.complete(null);
            return;
        }
        long due = System.nanoTime();
        http.send(
                        http.request("/api/v1/auth/login", null)
                                .header("Content-Type", "application/json")
                                .POST(Http.json("{\"email\": \"%s\", \"password\": \"%s\"}"
                                        .formatted(emails.get(i), Database.BUYER_PASSWORD))),
                        due)
                .thenAccept(a -> {
                    boolean ok = a.status() == 200;
                    metric.record(label(a), a.endNanos() - due, a.endNanos(), ok);
                    if (ok) {
                        tokens[i] = Catalog.parse(a.body()).path("access_token").asText();
                        done.incrementAndGet();
                    } else {
                        failed.incrementAndGet();
                    }
                    loginNext(emails, tokens, next, done, failed, metric, chain);
                });
    }

    // ---------------------------------------------------------------- buyers

    /**
     * Runs one phase: {@code arrivals} buyers at {@code rate} per second on the tier, buyer i using
     * token {@code (offset + i) % tokens}. Returns once every buyer's requests have an answer.
     */
    Phase run(String name, Catalog.Tier tier, int arrivals, double rate, double payFraction, List<String> tokens,
            int offset) {
        Phase phase = new Phase(name, tier, arrivals, rate, payFraction);
        Metric hold = phase.metric("hold");
        Metric soldOut = phase.metric("sold_out");
        AtomicLong outstanding = new AtomicLong();
        AtomicInteger sent = new AtomicInteger();
        long dbBefore = db.transactions();
        Insight.Snapshot countersBefore = insight.scrape();
        Insight.Activity activity = insight.activity();
        Cpu.Snapshot cpuBefore = cpu.snapshot();
        long interval = (long) (1e9 / rate);
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
        phase.startNanos = start;
        for (String kind : List.of("hold", "pay", "confirm", "purchase")) {
            phase.metric(kind).windowFrom(start);
        }
        long[] lastCount = {0};
        long[] lastTime = {start};
        Thread progress = progress(() -> {
            long now = System.nanoTime();
            long answered = hold.count() + soldOut.count();
            double perSecond = (answered - lastCount[0]) / Math.max(1e-3, (now - lastTime[0]) / 1e9);
            lastCount[0] = answered;
            lastTime[0] = now;
            return String.format(
                    "[%s %5.1fs] sent %d/%d, in flight %d, queued %d | hold 201:%d sold-out:%d 5xx:%d other:%d"
                            + " | %.0f hold answers/s | paid %d",
                    name,
                    (now - start) / 1e9,
                    sent.get(),
                    arrivals,
                    http.inFlight(),
                    http.queued(),
                    hold.successes(),
                    soldOut.count(),
                    hold.status("5"),
                    hold.count() - hold.successes() - hold.status("5"),
                    perSecond,
                    phase.metric("purchase").successes());
        });
        Browse browse = browseRate > 0 ? new Browse(phase, tokens) : null;
        if (browse != null) {
            browse.start();
        }
        for (int i = 0; i < arrivals; i++) {
            long due = start + i * interval;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            String token = tokens.get(Math.floorMod(offset + i, tokens.size()));
            boolean pays = (i * 0.6180339887 % 1.0) < payFraction; // spread evenly, same choice every run
            outstanding.incrementAndGet();
            buyer(phase, token, due, pays, outstanding);
            sent.incrementAndGet();
        }
        phase.lastArrivalNanos = System.nanoTime();
        if (browse != null) {
            browse.stop();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (outstanding.get() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        phase.drained = outstanding.get() == 0;
        phase.endNanos = System.nanoTime();
        phase.cpu = cpu.since(cpuBefore);
        activity.close();
        phase.insight.putAll(Insight.between(countersBefore, insight.scrape()));
        phase.insight.put("database_sessions", activity.averages());
        progress.interrupt();
        try {
            progress.join();
            Thread.sleep(1500); // lets the server's statistics catch up
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long dbAfter = db.transactions();
        phase.dbTransactions = dbBefore < 0 || dbAfter < 0 ? -1 : dbAfter - dbBefore;
        if (!phase.drained) {
            System.out.printf("WARNING: %d buyers still had no answer 180 s after the last arrival%n", outstanding.get());
        }
        return phase;
    }

    private void buyer(Phase phase, String token, long due, boolean pays, AtomicLong outstanding) {
        HttpRequest.Builder hold = http.request("/api/v1/orders", token)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(Http.json("{\"items\":[{\"tier_id\":\"%s\",\"quantity\":1}]}".formatted(phase.tier.tierId())));
        http.send(hold, due).thenAccept(a -> {
            long latency = a.endNanos() - due;
            if (a.status() == 201) {
                phase.metric("hold").record("201", latency, a.endNanos(), true);
                if (pays) {
                    JsonNode order = Catalog.parse(a.body());
                    pay(phase, token, order.path("id").asText(),
                            order.path("payment").path("provider_payment_id").asText(), due, a.endNanos(), outstanding);
                    return;
                }
            } else {
                String label = label(a);
                if (label.equals("409:sold_out")) {
                    phase.metric("sold_out").record(label, latency, a.endNanos(), true);
                } else {
                    phase.metric("hold").record(label, latency, a.endNanos(), false);
                }
            }
            outstanding.decrementAndGet();
        });
    }

    private void pay(Phase phase, String token, String orderId, String paymentId, long arrival, long due,
            AtomicLong outstanding) {
        HttpRequest.Builder pay = http.request("/api/v1/payments/test-mode/" + paymentId + "/pay", token)
                .header("Content-Type", "application/json")
                .POST(Http.json("{\"payment_method\": \"pm_test_succeeds\"}"));
        http.send(pay, due).thenAccept(a -> {
            boolean ok = a.status() == 200;
            phase.metric("pay").record(label(a), a.endNanos() - due, a.endNanos(), ok);
            if (!ok) {
                phase.metric("purchase").record("pay_failed", a.endNanos() - arrival, a.endNanos(), false);
                outstanding.decrementAndGet();
                return;
            }
            long confirmDue = a.endNanos();
            http.send(http.request("/api/v1/orders/" + orderId + "/confirm", token).POST(Http.json("")), confirmDue)
                    .thenAccept(c -> {
                        boolean paid = c.status() == 200
                                && "paid".equals(Catalog.parse(c.body()).path("status").asText());
                        String label = c.status() == 200 && !paid ? "200:not_paid" : label(c);
                        phase.metric("confirm").record(label, c.endNanos() - confirmDue, c.endNanos(), paid);
                        phase.metric("purchase")
                                .record(paid ? "paid" : "not_paid", c.endNanos() - arrival, c.endNanos(), paid);
                        outstanding.decrementAndGet();
                    });
        });
    }

    /** The status, with the problem's {@code code} for errors: {@code 409:sold_out}, {@code 500:internal}. */
    static String label(Http.Answer a) {
        if (a.error() != null) {
            return a.error();
        }
        if (a.status() >= 400) {
            String code = Catalog.parse(a.body()).path("code").asText("");
            return code.isEmpty() ? Integer.toString(a.status()) : a.status() + ":" + code;
        }
        return Integer.toString(a.status());
    }

    /** Polls the tier's public availability until {@code available} reaches the wanted number. */
    Map<String, Object> waitForAvailability(Catalog.Tier tier, int wanted, long timeoutSeconds) {
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        int available = -1;
        long lastPrint = 0;
        while (System.nanoTime() < deadline) {
            Http.Answer a = http.call(http.request("/api/v1/tiers/" + tier.tierId() + "/availability", null).GET());
            if (a.status() == 200) {
                available = Catalog.parse(a.body()).path("available").asInt(-1);
                if (available >= wanted) {
                    break;
                }
            }
            if (System.nanoTime() - lastPrint > TimeUnit.SECONDS.toNanos(1)) {
                lastPrint = System.nanoTime();
                System.out.printf(
                        "[expiry %5.1fs] available %d of %d%n", (lastPrint - start) / 1e9, available, wanted);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("available", available);
        result.put("wanted", wanted);
        result.put("seconds", (System.nanoTime() - start) / 1e9);
        result.put("reached", available >= wanted);
        return result;
    }

    private static Thread progress(java.util.function.Supplier<String> line) {
        Thread t = new Thread(() -> {
            try {
                while (true) {
                    Thread.sleep(1000);
                    System.out.println(line.get());
                }
            } catch (InterruptedException done) {
                // the phase is over
            }
        }, "progress");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Other endpoints, at a low fixed rate during a phase: what browsing buyers do meanwhile. */
    private final class Browse {
        private final Phase phase;
        private final List<String> tokens;
        private volatile boolean running = true;
        private Thread thread;

        Browse(Phase phase, List<String> tokens) {
            this.phase = phase;
            this.tokens = tokens;
        }

        void start() {
            thread = new Thread(this::loop, "browse");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() {
            running = false;
            thread.interrupt();
        }

        private void loop() {
            String[][] endpoints = {
                {"other:GET /events/{id}", "/api/v1/events/" + phase.tier.eventId(), ""},
                {"other:GET /events/{id}/tiers", "/api/v1/events/" + phase.tier.eventId() + "/tiers", ""},
                {"other:GET /tiers/{id}/availability", "/api/v1/tiers/" + phase.tier.tierId() + "/availability", ""},
                {"other:GET /events?q=", "/api/v1/events?q=flash&size=20", ""},
                {"other:GET /orders", "/api/v1/orders", "auth"},
                {"other:GET /users/me", "/api/v1/users/me", "auth"},
            };
            long interval = (long) (1e9 / browseRate);
            long start = System.nanoTime();
            for (long i = 0; running; i++) {
                long due = start + i * interval;
                long wait;
                while (running && (wait = due - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                if (!running) {
                    return;
                }
                String[] e = endpoints[(int) (i % endpoints.length)];
                String token = e[2].isEmpty() ? null : tokens.get((int) (i % tokens.size()));
                Metric metric = phase.metric(e[0]);
                browseHttp.send(browseHttp.request(e[1], token).GET(), due).thenAccept(a -> metric.record(
                        label(a), a.endNanos() - due, a.endNanos(), a.status() == 200));
            }
        }
    }
}
