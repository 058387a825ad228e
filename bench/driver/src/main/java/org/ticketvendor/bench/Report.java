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
import java.util.Map;
import java.util.TreeMap;

/**
 * Collects what the run measured and builds the JSON document from it; at the end prints one table and
 * writes the JSON and the Markdown ({@link ReportMarkdown}), with the verdict against the targets
 * ({@link Targets}).
 */
final class Report {

    private final String shape;
    private final Options options;
    private final Instant started = Instant.now();
    private final Map<String, Object> json = new LinkedHashMap<>();
    private final List<Load.Phase> phases = new ArrayList<>();
    private final List<Map<String, Object>> phaseJson = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();
    private Map<String, Object> invariants = Map.of();
    private Map<String, Object> pgbench = Map.of();
    private Map<String, Object> pgbenchVariants = Map.of();
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

    void pgbenchVariants(Map<String, Object> result) {
        this.pgbenchVariants = result;
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
        if (!pgbenchVariants.isEmpty()) {
            json.put("pgbench_variants", pgbenchVariants);
        }
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
        json.put("targets", Targets.of(phases, ratio, invariants, invariantsClean()));

        ReportMarkdown markdown = new ReportMarkdown(json, login, phases);
        String table = markdown.table(ratio, tps, peak);
        System.out.println();
        System.out.println(table);

        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(started);
        Path dir = Path.of(options.get("results-dir"));
        Files.createDirectories(dir);
        Path jsonFile = dir.resolve(stamp + "-" + shape + ".json");
        Path mdFile = dir.resolve(stamp + "-" + shape + ".md");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(jsonFile.toFile(), json);
        Files.writeString(mdFile, markdown.document(table));
        System.out.println("Results: " + jsonFile + " and " + mdFile);
    }

    // ---------------------------------------------------------------- the JSON document

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
}
