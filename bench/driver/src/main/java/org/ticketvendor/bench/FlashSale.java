package org.ticketvendor.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The flash-sale benchmark driver: seeds buyers, logs them in, runs a shape of arrivals against the
 * running application, checks the invariants in SQL, measures the database's own ceiling for the hold
 * with pgbench, and reports. {@code bench/flash-sale.sh} starts the application and calls this.
 */
public final class FlashSale {

    private FlashSale() {}

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        String shape = options.get("shape");
        if (!List.of("burst", "sweep", "sustained", "expiry").contains(shape)) {
            System.err.println("Unknown shape " + shape + "\n" + Options.help());
            System.exit(2);
        }
        Database db = new Database(options.get("jdbc-url"), options.get("db-user"), options.get("db-password"));
        Http http = new Http(
                options.get("base-url"), options.integer("concurrency"), Duration.ofSeconds(options.integer("timeout")));
        long appPid = options.get("app-pid").isBlank() ? -1 : Long.parseLong(options.get("app-pid").trim());
        Cpu cpu = new Cpu(appPid, db.postmasterPid());
        Http browseHttp = new Http(options.get("base-url"), 32, Duration.ofSeconds(options.integer("timeout")));
        Load load = new Load(http, browseHttp, options.decimal("browse-rate"), cpu, db);
        Report report = new Report(shape, options, Report.machine(db, options.get("pgbench")));

        Catalog catalog = Catalog.asNewPromoter(http);
        double payFraction = options.decimal("pay-fraction");

        // Buyers: seeded in SQL, logged in over HTTP before the sale opens (they wait for the on-sale).
        int buyersNeeded = buyersNeeded(shape, options);
        int buyers = options.integer("buyers") > 0 ? options.integer("buyers") : buyersNeeded;
        String prefix = "b" + UUID.randomUUID().toString().substring(0, 6);
        long seedStart = System.nanoTime();
        List<String> emails = db.seedBuyers(prefix, buyers);
        double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
        System.out.printf("Seeded %d buyers in SQL in %.1f s; logging them in%n", buyers, seedSeconds);
        Metric login = new Metric("login");
        String[] tokenArray = load.login(emails, options.integer("login-concurrency"), login);
        List<String> tokens = Arrays.stream(tokenArray).filter(Objects::nonNull).toList();
        report.login(login, buyers, seedSeconds, options.integer("login-concurrency"));
        if (tokens.isEmpty()) {
            throw new IllegalStateException("No buyer could log in");
        }

        // The database's own ceiling for the hold, measured while the app is idle (before the sale opens), so
        // that nothing else competes with pgbench for the machine.
        String pgbench = options.get("pgbench");
        if (pgbench.isBlank() || pgbench.equals("none")) {
            report.pgbench(Map.of("skipped", "no pgbench executable given"));
        } else {
            Catalog.Tier hot = catalog.publishedTier("pgbench", 1_000_000);
            Map<String, Object> result = HotRow.measure(
                    options, db, cpu, PgBench.HOLD_SCRIPT, hot.tierId(), "the hold's SQL on one hot tier row (app idle)");
            result.put("tier_after", db.stock(hot.tierId()));
            report.pgbench(result);
            if (options.flag("pgbench-variants")) {
                report.pgbenchVariants(HotRow.variants(options, db, cpu));
            }
        }

        switch (shape) {
            case "burst" -> burst(options, catalog, load, tokens, payFraction, report);
            case "sweep" -> sweep(options, catalog, load, tokens, payFraction, report);
            case "sustained" -> sustained(options, catalog, load, tokens, payFraction, report);
            case "expiry" -> expiry(options, catalog, load, tokens, payFraction, report);
            default -> throw new IllegalStateException(shape);
        }

        double quiet = db.waitQuiet(180);
        System.out.printf("The app's database sessions were idle after %.1f s; checking the invariants in SQL%n", quiet);
        report.quietAfter(quiet);
        report.invariants(db.invariants());

        http.close();
        browseHttp.close();
        report.finish();
        System.exit(report.invariantsClean() ? 0 : 1);
    }

    private static int buyersNeeded(String shape, Options o) {
        return switch (shape) {
            case "burst" -> Math.max(o.integer("arrivals"), o.integer("warmup-rate") * o.integer("warmup-seconds"));
            case "sweep" -> {
                int most = (int) Math.ceil(o.integer("warmup-rate") * (double) o.integer("warmup-seconds"));
                for (int rate : o.integers("rates")) {
                    most = Math.max(most, rate * o.integer("step-seconds"));
                }
                yield Math.max(1, most);
            }
            case "sustained" -> Math.max(
                    o.integer("rate") * o.integer("sustained-seconds"), o.integer("warmup-rate") * o.integer("warmup-seconds"));
            case "expiry" -> (int) Math.ceil(o.integer("capacity") * 1.1) + o.integer("capacity");
            default -> throw new IllegalStateException(shape);
        };
    }

    private static void burst(
            Options o, Catalog catalog, Load load, List<String> tokens, double payFraction, Report report) {
        int capacity = o.integer("capacity");
        int arrivals = o.integer("arrivals");
        double rate = arrivals / o.decimal("seconds");
        warmUp(o, catalog, load, tokens, payFraction, report);
        Catalog.Tier tier = catalog.publishedTier("burst", capacity);
        System.out.printf("Burst: %d buyers in %s s (%.0f/s) on %d seats%n", arrivals, o.get("seconds"), rate, capacity);
        report.phase(load.run("burst", tier, arrivals, rate, payFraction, tokens, 0));
        int soldOutSeconds = o.integer("soldout-seconds");
        if (soldOutSeconds > 0) {
            double soldOutRate = o.decimal("soldout-rate");
            int n = (int) Math.round(soldOutRate * soldOutSeconds);
            System.out.printf("Sold-out phase: %d buyers at %.0f/s on the sold-out tier%n", n, soldOutRate);
            report.phase(load.run("sold-out", tier, n, soldOutRate, payFraction, tokens, 0));
        }
    }

    private static void warmUp(Options o, Catalog catalog, Load load, List<String> tokens, double payFraction,
            Report report) {
        int seconds = o.integer("warmup-seconds");
        if (seconds <= 0) {
            return;
        }
        int rate = o.integer("warmup-rate");
        int n = rate * seconds;
        Catalog.Tier tier = catalog.publishedTier("warm-up", n + 100);
        System.out.printf("Warm-up: %d/s for %d s (not counted)%n", rate, seconds);
        report.warmUp(load.run("warm-up", tier, n, rate, payFraction, tokens, 0));
    }

    private static void sweep(
            Options o, Catalog catalog, Load load, List<String> tokens, double payFraction, Report report)
            throws InterruptedException {
        warmUp(o, catalog, load, tokens, payFraction, report);
        int stepSeconds = o.integer("step-seconds");
        boolean saturated = false;
        for (int rate : o.integers("rates")) {
            if (saturated && o.flag("stop-when-saturated")) {
                System.out.printf("Skipping %d/s: the previous step was saturated%n", rate);
                report.skipped("sweep " + rate + "/s");
                continue;
            }
            int n = rate * stepSeconds;
            // Enough seats that every arrival can hold: this measures successful holds, not sold-outs.
            Catalog.Tier tier = catalog.publishedTier("sweep-" + rate, (int) Math.min(1_000_000, n + 100));
            System.out.printf("Sweep step: %d/s for %d s%n", rate, stepSeconds);
            Load.Phase phase = load.run("sweep " + rate + "/s", tier, n, rate, payFraction, tokens, 0);
            report.phase(phase);
            Metric hold = phase.metric("hold");
            saturated = hold.throughput() < 0.8 * rate
                    || hold.percentileMillis(95) > 1000
                    || hold.serverErrors() > 0.01 * n;
            Thread.sleep(2000); // let the app's background jobs settle between steps
        }
    }

    private static void sustained(
            Options o, Catalog catalog, Load load, List<String> tokens, double payFraction, Report report) {
        warmUp(o, catalog, load, tokens, payFraction, report);
        int rate = o.integer("rate");
        int seconds = o.integer("sustained-seconds");
        int n = rate * seconds;
        Catalog.Tier tier = catalog.publishedTier("sustained", (int) Math.min(1_000_000, n + 100));
        System.out.printf("Sustained: %d/s for %d s%n", rate, seconds);
        report.phase(load.run("sustained " + rate + "/s", tier, n, rate, payFraction, tokens, 0));
    }

    private static void expiry(
            Options o, Catalog catalog, Load load, List<String> tokens, double payFraction, Report report) {
        int capacity = o.integer("capacity");
        int rate = o.integer("expiry-rate");
        Catalog.Tier tier = catalog.publishedTier("expiry", capacity);
        int first = (int) Math.ceil(capacity * 1.1);
        System.out.printf(
                "Expiry: %d buyers hold %d seats without paying (hold TTL %s), then wait for the seats to return%n",
                first, capacity, o.get("hold-ttl").isBlank() ? "as configured" : o.get("hold-ttl"));
        long heldAt = System.nanoTime();
        report.phase(load.run("expiry: hold, never pay", tier, first, rate, 0.0, tokens, 0));
        Map<String, Object> back = load.waitForAvailability(tier, capacity, 300);
        back.put("seconds_since_holds_started", (System.nanoTime() - heldAt) / 1e9);
        report.expiry(back);
        System.out.printf("Seats back on sale: %s%n", back);
        List<String> later = new ArrayList<>(tokens.subList(Math.min(first, tokens.size() - 1), tokens.size()));
        if (later.isEmpty()) {
            later = tokens;
        }
        report.phase(load.run("expiry: later buyers", tier, capacity, rate, payFraction, later, 0));
    }

    static Map<String, Object> map(Object... pairs) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], pairs[i + 1]);
        }
        return m;
    }
}
