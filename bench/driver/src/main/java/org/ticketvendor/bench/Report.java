package org.ticketvendor.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Collects what the run measured; prints one table and writes it as JSON and Markdown. */
final class Report {

    private static final List<String> MAIN = List.of("hold", "sold_out", "pay", "confirm", "purchase");
    private static final Map<String, String> SUCCESS = Map.of(
            "hold", "201", "sold_out", "409:sold_out", "pay", "200", "confirm", "200", "purchase", "paid", "login",
            "200");

    private final String shape;
    private final Options options;
    private final Instant started = Instant.now();
    private final Map<String, Object> json = new LinkedHashMap<>();
    private final List<Load.Phase> phases = new ArrayList<>();
    private final List<Map<String, Object>> phaseJson = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();
    private Map<String, Object> invariants = Map.of();
    private Map<String, Object> pgbench = Map.of();
    private Metric login;

    Report(String shape, Options options, Map<String, Object> machine) {
        this.shape = shape;
        this.options = options;
        json.put("shape", shape);
        json.put("started_at", started.toString());
        json.put("label", options.get("label"));
        json.put("machine", machine);
        Map<String, String> recorded = new TreeMap<>(options.all());
        recorded.replace("db-password", "(redacted)");
        json.put("options", recorded);
    }

    static Map<String, Object> machine(Database db, String pgbench) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nproc", Runtime.getRuntime().availableProcessors());
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    m.put("memory", line.substring("MemTotal:".length()).trim());
                }
            }
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    m.put("cpu_model", line.substring(line.indexOf(':') + 1).trim());
                    break;
                }
            }
        } catch (IOException e) {
            // not Linux: leave them out
        }
        m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        m.put("postgresql", db.version());
        m.put("pgbench", command(pgbench, "--version"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        return m;
    }

    private static String command(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor();
            return out;
        } catch (Exception e) {
            return "unavailable";
        }
    }

    void login(Metric metric, int buyers, double seedSeconds, int concurrency) {
        this.login = metric;
        Map<String, Object> m = metricJson(metric, "login");
        m.put("buyers_seeded", buyers);
        m.put("seed_seconds", round(seedSeconds));
        m.put("concurrency", concurrency);
        m.put("note", "closed loop before the sale opens; accounts seeded with a cost-4 bcrypt hash");
        json.put("login", m);
    }

    void warmUp(Load.Phase phase) {
        Map<String, Object> m = phaseJson(phase);
        m.put("warm_up", true);
        phaseJson.add(m);
    }

    void phase(Load.Phase phase) {
        phases.add(phase);
        phaseJson.add(phaseJson(phase));
        Metric hold = phase.metric("hold");
        System.out.printf(
                "== %s: %d holds (%.0f/s, p95 %.1f ms), %d sold-out answers, %d paid, %d server errors%n",
                phase.name,
                hold.successes(),
                hold.throughput(),
                hold.percentileMillis(95),
                phase.metric("sold_out").count(),
                phase.metric("purchase").successes(),
                serverErrors(phase));
    }

    void skipped(String name) {
        skipped.add(name);
    }

    void expiry(Map<String, Object> back) {
        json.put("expiry", back);
    }

    void quietAfter(double seconds) {
        json.put("seconds_until_the_app_was_idle_after_the_load", round(seconds));
    }

    void invariants(Map<String, Object> result) {
        this.invariants = result;
    }

    void pgbench(Map<String, Object> result) {
        this.pgbench = result;
    }

    boolean invariantsClean() {
        return !invariants.isEmpty() && Database.clean(invariants);
    }

    /** The best successful-hold throughput of the measured phases. */
    private double peakHolds() {
        double best = 0;
        for (Load.Phase p : phases) {
            best = Math.max(best, p.metric("hold").throughput());
        }
        return best;
    }

    private static long serverErrors(Load.Phase phase) {
        long n = 0;
        for (Metric m : phase.metrics.values()) {
            n += m.serverErrors();
        }
        return n;
    }

    void finish() throws IOException {
        json.put("phases", phaseJson);
        json.put("skipped", skipped);
        json.put("invariants", invariants);
        json.put("pgbench", pgbench);
        Double tps = pgbench.get("tps") instanceof Number n ? n.doubleValue() : null;
        double peak = peakHolds();
        Double ratio = tps == null || tps == 0 ? null : round(peak / tps);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("peak_successful_holds_per_s", round(peak));
        summary.put("pgbench_hold_tps", tps);
        summary.put("ratio_api_holds_per_pgbench_tx", ratio);
        summary.put("oversold", invariants.get("oversold"));
        summary.put("invariants_hold", invariantsClean());
        json.put("summary", summary);
        json.put("targets", targets(ratio));

        String table = table(ratio, tps, peak);
        System.out.println();
        System.out.println(table);

        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(started);
        Path dir = Path.of(options.get("results-dir"));
        Files.createDirectories(dir);
        Path jsonFile = dir.resolve(stamp + "-" + shape + ".json");
        Path mdFile = dir.resolve(stamp + "-" + shape + ".md");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(jsonFile.toFile(), json);
        Files.writeString(mdFile, markdown(table));
        System.out.println("Results: " + jsonFile + " and " + mdFile);
    }

    // ---------------------------------------------------------------- rendering

    private String table(Double ratio, Double tps, double peak) {
        StringBuilder t = new StringBuilder();
        t.append("| phase | request | offered/s | answers | ok | ok/s | p50 ms | p95 ms | p99 ms | max ms | other answers |\n");
        t.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        if (login != null) {
            row(t, "prepare", "login", null, login);
        }
        for (Load.Phase p : phases) {
            for (String name : MAIN) {
                Metric m = p.metrics.get(name);
                if (m != null && m.count() > 0) {
                    row(t, p.name, name, name.equals("hold") ? p.rate : null, m);
                }
            }
            Metric worst = null;
            long others = 0;
            for (Map.Entry<String, Metric> e : p.metrics.entrySet()) {
                if (e.getKey().startsWith("other:") && e.getValue().count() > 0) {
                    others += e.getValue().count();
                    if (worst == null || e.getValue().percentileMillis(95) > worst.percentileMillis(95)) {
                        worst = e.getValue();
                    }
                }
            }
            if (worst != null) {
                row(t, p.name, "other, slowest: " + worst.name.substring("other:".length()), null, worst);
            }
        }
        t.append('\n');
        t.append("| oversold | invariants | API successful holds/s (peak) | pgbench hold tx/s | ratio | CPU cores app / postgres / driver (busiest phase) |\n");
        t.append("|---:|---|---:|---:|---:|---|\n");
        t.append(String.format(
                Locale.ROOT,
                "| %s | %s | %.0f | %s | %s | %s |%n",
                invariants.get("oversold"),
                invariantsClean() ? "all hold" : "VIOLATED (see JSON)",
                peak,
                tps == null ? "n/a" : String.format(Locale.ROOT, "%.0f", tps),
                ratio == null ? "n/a" : String.format(Locale.ROOT, "%.2f", ratio),
                cpuSplit()));
        return t.toString();
    }

    private String cpuSplit() {
        Load.Phase busiest = null;
        for (Load.Phase p : phases) {
            if (busiest == null || p.metric("hold").throughput() > busiest.metric("hold").throughput()) {
                busiest = p;
            }
        }
        if (busiest == null || busiest.cpu.isEmpty()) {
            return "n/a";
        }
        Map<String, Object> c = busiest.cpu;
        return String.format(
                "%s / %s / %s of %s busy (%s)",
                c.getOrDefault("app_cores", "?"),
                c.getOrDefault("postgres_cores", "?"),
                c.getOrDefault("driver_cores", "?"),
                c.getOrDefault("machine_busy_cores", "?"),
                busiest.name);
    }

    private static void row(StringBuilder t, String phase, String request, Double offered, Metric m) {
        String success = SUCCESS.getOrDefault(request, "200");
        StringBuilder otherAnswers = new StringBuilder();
        m.statuses().forEach((status, n) -> {
            if (!status.equals(success)) {
                otherAnswers.append(otherAnswers.length() == 0 ? "" : ", ").append(status).append(": ").append(n);
            }
        });
        t.append(String.format(
                Locale.ROOT,
                "| %s | %s | %s | %d | %d | %.0f | %s | %s | %s | %s | %s |%n",
                phase,
                request,
                offered == null ? "" : String.format(Locale.ROOT, "%.0f", offered),
                m.count(),
                m.successes(),
                m.throughput(),
                ms(m.percentileMillis(50)),
                ms(m.percentileMillis(95)),
                ms(m.percentileMillis(99)),
                ms(m.maxMillis()),
                otherAnswers.length() == 0 ? "–" : otherAnswers));
    }

    private String markdown(String table) {
        StringBuilder md = new StringBuilder();
        md.append("# Flash-sale benchmark: ").append(shape).append("\n\n");
        md.append("Started ").append(started).append(". ");
        @SuppressWarnings("unchecked")
        Map<String, Object> machine = (Map<String, Object>) json.get("machine");
        md.append(String.format(
                "Machine: %s cores (%s), %s memory; %s; %s; the application, PostgreSQL and the driver share it.%n%n",
                machine.get("nproc"),
                machine.get("cpu_model"),
                machine.get("memory"),
                machine.get("java"),
                machine.get("postgresql")));
        if (!options.get("label").isBlank()) {
            md.append("Label: ").append(options.get("label")).append("\n\n");
        }
        md.append("Latency runs from the moment a request was due (open arrival model, no coordinated omission). "
                + "`ok/s` is successes over the time from the phase's first arrival to the last success (sold-out answers: "
                + "from the first to the last). A request counts as `timeout` when sent and unanswered after the "
                + "timeout, `timeout_queued` when it was never sent because every driver connection stayed busy for "
                + "the whole timeout; the server may still complete requests the driver gave up on.\n\n");
        md.append(table).append('\n');
        md.append("## Phases: where the time goes\n\n");
        md.append("CPU in cores (app / PostgreSQL / driver, of the machine's busy cores); the app's connection pool"
                + " (mean wait for a connection, mean time one is held); what the database's sessions were doing"
                + " (average number of sessions, sampled every 200 ms from pg_stat_activity).\n\n");
        md.append("| phase | arrivals | offered/s | achieved arrivals/s | DB tx per hold | CPU | pool wait / held ms |"
                + " database sessions |\n");
        md.append("|---|---:|---:|---:|---:|---|---|---|\n");
        for (Map<String, Object> p : phaseJson) {
            @SuppressWarnings("unchecked")
            Map<String, Object> cpu = (Map<String, Object>) p.get("cpu");
            @SuppressWarnings("unchecked")
            Map<String, Object> insight = (Map<String, Object>) p.get("where_time_goes");
            String sessions = "";
            if (insight.get("database_sessions") instanceof Map<?, ?> db && db.get("average_sessions") instanceof Map<?, ?> avg) {
                StringBuilder b = new StringBuilder();
                avg.entrySet().stream().limit(4).forEach(e -> b.append(b.length() == 0 ? "" : "; ")
                        .append(e.getKey()).append(": ").append(e.getValue()));
                sessions = b.toString();
            }
            md.append(String.format(
                    "| %s | %s | %s | %s | %s | %s / %s / %s of %s | %s / %s | %s |%n",
                    p.get("name") + (Boolean.TRUE.equals(p.get("warm_up")) ? " (warm-up)" : ""),
                    p.get("arrivals"),
                    p.get("offered_rate"),
                    p.get("achieved_arrival_rate"),
                    p.get("db_transactions_per_successful_hold"),
                    cpu.getOrDefault("app_cores", "?"),
                    cpu.getOrDefault("postgres_cores", "?"),
                    cpu.getOrDefault("driver_cores", "?"),
                    cpu.getOrDefault("machine_busy_cores", "?"),
                    insight.get("pool_acquire_mean_ms"),
                    insight.get("pool_usage_mean_ms"),
                    sessions));
        }
        md.append("\nServer-side mean time per endpoint (the app's own http_server_requests timer), ms:\n\n");
        md.append("| phase | endpoint | requests | server mean ms |\n|---|---|---:|---:|\n");
        for (Map<String, Object> p : phaseJson) {
            @SuppressWarnings("unchecked")
            Map<String, Object> insight = (Map<String, Object>) p.get("where_time_goes");
            if (insight.get("server_side_per_endpoint") instanceof Map<?, ?> endpoints) {
                endpoints.forEach((k, v) -> {
                    if (v instanceof Map<?, ?> e) {
                        md.append(String.format("| %s | %s | %s | %s |%n", p.get("name"), k, e.get("count"),
                                e.get("server_mean_ms")));
                    }
                });
            }
        }
        md.append("\n## Other endpoints\n\n| phase | endpoint | answers | p50 ms | p95 ms | p99 ms | max ms | statuses |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---|\n");
        for (Load.Phase p : phases) {
            new TreeMap<>(p.metrics).forEach((name, m) -> {
                if (name.startsWith("other:") && m.count() > 0) {
                    md.append(String.format(
                            Locale.ROOT,
                            "| %s | %s | %d | %s | %s | %s | %s | %s |%n",
                            p.name,
                            name.substring("other:".length()),
                            m.count(),
                            ms(m.percentileMillis(50)),
                            ms(m.percentileMillis(95)),
                            ms(m.percentileMillis(99)),
                            ms(m.maxMillis()),
                            m.statuses()));
                }
            });
        }
        if (json.containsKey("expiry")) {
            md.append("\n## Expiry\n\n").append(json.get("expiry")).append("\n");
        }
        md.append("\n## Targets\n\n");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> targets = (List<Map<String, Object>>) json.get("targets");
        md.append("| target | measured | met |\n|---|---|---|\n");
        for (Map<String, Object> target : targets) {
            md.append(String.format("| %s | %s | %s |%n", target.get("target"), target.get("measured"), target.get("met")));
        }
        Map<String, Object> brief = new LinkedHashMap<>(invariants);
        brief.remove("tiers");
        md.append("\n## Invariants (SQL, after the run)\n\n```\n").append(brief).append("\n```\n");
        md.append("\n## pgbench\n\n```\n").append(pgbench.getOrDefault("command", "")).append("\n\n")
                .append(pgbench.getOrDefault("script", "")).append("\n```\n\n");
        Map<String, Object> pg = new LinkedHashMap<>(pgbench);
        pg.remove("script");
        pg.remove("command");
        md.append(pg).append("\n");
        return md.toString();
    }

    /** The targets that this run measured, each with what was measured and whether it was met. */
    private List<Map<String, Object>> targets(Double ratio) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Load.Phase p : phases) {
            Metric hold = p.metric("hold");
            Metric soldOut = p.metric("sold_out");
            Metric purchase = p.metric("purchase");
            if (hold.successes() > 0 && p.name.startsWith("sustained")) {
                boolean met = hold.throughput() >= 1000 && hold.windowSeconds() >= 59 && hold.percentileMillis(95) <= 50
                        && hold.percentileMillis(99) <= 200 && hold.status("5") == 0;
                list.add(target(
                        "≥ 1,000 holds/s for 60 s, p95 ≤ 50 ms, p99 ≤ 200 ms, no 5xx (" + p.name + ")",
                        String.format(
                                Locale.ROOT,
                                "%.0f/s over %.0f s, p95 %s, p99 %s, 5xx %d",
                                hold.throughput(),
                                hold.windowSeconds(),
                                ms(hold.percentileMillis(95)),
                                ms(hold.percentileMillis(99)),
                                hold.status("5")),
                        met));
            }
            if (hold.successes() > 0 && p.name.startsWith("sweep")) {
                boolean met = hold.throughput() >= 1000 && hold.percentileMillis(95) <= 50
                        && hold.percentileMillis(99) <= 200 && hold.status("5") == 0;
                list.add(target(
                        "≥ 1,000 holds/s, p95 ≤ 50 ms, p99 ≤ 200 ms, no 5xx (" + p.name + ", 20 s step, not 60 s)",
                        String.format(
                                Locale.ROOT,
                                "%.0f/s, p95 %s, p99 %s, 5xx %d",
                                hold.throughput(),
                                ms(hold.percentileMillis(95)),
                                ms(hold.percentileMillis(99)),
                                hold.status("5")),
                        met));
            }
            if (purchase.successes() > 0) {
                list.add(target(
                        "≥ 500 complete purchases/s (" + p.name + ")",
                        String.format(Locale.ROOT, "%.0f/s (offered %.0f/s × %.0f%% paying)", purchase.throughput(),
                                p.rate, p.payFraction * 100),
                        purchase.throughput() >= 500));
            }
            if (soldOut.count() > 1000) {
                list.add(target(
                        "sold-out answers ≥ 3,000/s with p95 ≤ 20 ms (" + p.name + ")",
                        String.format(Locale.ROOT, "%.0f/s, p95 %s (offered %.0f/s)", soldOut.throughput(),
                                ms(soldOut.percentileMillis(95)), p.rate),
                        soldOut.throughput() >= 3000 && soldOut.percentileMillis(95) <= 20));
            }
            double worstOther = 0;
            String worstName = "";
            for (Map.Entry<String, Metric> e : p.metrics.entrySet()) {
                if (e.getKey().startsWith("other:") && e.getValue().count() > 0
                        && e.getValue().percentileMillis(95) > worstOther) {
                    worstOther = e.getValue().percentileMillis(95);
                    worstName = e.getKey().substring(6);
                }
            }
            if (!worstName.isEmpty()) {
                list.add(target(
                        "every other endpoint p95 < 200 ms (" + p.name + ")",
                        "slowest " + worstName + ": p95 " + ms(worstOther),
                        worstOther < 200));
            }
        }
        if (ratio != null) {
            list.add(target("API holds/s ÷ pgbench hold tx/s ≥ 1.0", String.format(Locale.ROOT, "%.2f", ratio),
                    ratio >= 1.0));
        }
        if (!invariants.isEmpty()) {
            list.add(target("zero oversold, invariants hold", "oversold " + invariants.get("oversold"),
                    invariantsClean()));
        }
        return list;
    }

    private static Map<String, Object> target(String target, String measured, boolean met) {
        return FlashSale.map("target", target, "measured", measured, "met", met ? "yes" : "NO");
    }

    private Map<String, Object> phaseJson(Load.Phase p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", p.name);
        m.put("tier_id", p.tier.tierId().toString());
        m.put("capacity", p.tier.capacity());
        m.put("arrivals", p.arrivals);
        m.put("offered_rate", round(p.rate));
        m.put("achieved_arrival_rate", round(p.achievedArrivalRate()));
        m.put("pay_fraction", p.payFraction);
        m.put("seconds_until_last_answer", round((p.endNanos - p.startNanos) / 1e9));
        m.put("drained", p.drained);
        m.put("cpu", p.cpu);
        m.put("where_time_goes", p.insight);
        m.put("db_transactions", p.dbTransactions);
        long holds = p.metric("hold").successes();
        m.put("db_transactions_per_successful_hold",
                holds == 0 || p.dbTransactions < 0 ? null : round((double) p.dbTransactions / holds));
        Map<String, Object> metrics = new LinkedHashMap<>();
        new TreeMap<>(p.metrics).forEach((name, metric) -> {
            if (metric.count() > 0) {
                metrics.put(name, metricJson(metric, name));
            }
        });
        m.put("requests", metrics);
        return m;
    }

    private static Map<String, Object> metricJson(Metric m, String name) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("answers", m.count());
        j.put("successes", m.successes());
        j.put("successes_per_s", round(m.throughput()));
        j.put("window_s", round(m.windowSeconds()));
        j.put("p50_ms", num(m.percentileMillis(50)));
        j.put("p95_ms", num(m.percentileMillis(95)));
        j.put("p99_ms", num(m.percentileMillis(99)));
        j.put("max_ms", num(m.maxMillis()));
        j.put("mean_ms", num(m.meanMillis()));
        j.put("statuses", m.statuses());
        return j;
    }

    private static Double num(double v) {
        return Double.isNaN(v) ? null : round(v);
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static String ms(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
