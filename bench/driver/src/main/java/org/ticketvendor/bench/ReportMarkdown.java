package org.ticketvendor.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders a run as Markdown: the summary table (printed on the console, and the heart of the results
 * file) and the results file around it, from the run's JSON document and its raw measurements.
 */
final class ReportMarkdown {

    private static final List<String> MAIN = List.of("hold", "sold_out", "pay", "confirm", "purchase");
    private static final Map<String, String> SUCCESS = Map.of(
            "hold", "201", "sold_out", "409:sold_out", "pay", "200", "confirm", "200", "purchase", "paid", "login",
            "200");

    private final Map<String, Object> json;
    private final Metric login;
    private final List<Load.Phase> phases;
    private final Map<String, Object> invariants;
    private final Map<String, Object> pgbench;

    /**
     * {@code json} is the run's finished JSON document (summary and targets included); {@code login}
     * (null when there was none) and {@code phases} are the measured phases' metrics, at full precision.
     */
    ReportMarkdown(Map<String, Object> json, Metric login, List<Load.Phase> phases) {
        this.json = json;
        this.login = login;
        this.phases = phases;
        this.invariants = get("invariants");
        this.pgbench = get("pgbench");
    }

    @SuppressWarnings("unchecked")
    private <T> T get(String key) {
        return (T) json.get(key);
    }

    private boolean invariantsClean() {
        return Boolean.TRUE.equals(this.<Map<String, Object>>get("summary").get("invariants_hold"));
    }

    /** The table printed at the end of a run: one row per request kind and phase, then the summary. */
    String table(Double ratio, Double tps, double peak) {
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

    /** The results file: the table, then where the time went, the targets, invariants and pgbench. */
    String document(String table) {
        StringBuilder md = new StringBuilder();
        md.append("# Flash-sale benchmark: ").append(json.get("shape")).append("\n\n");
        md.append("Started ").append(json.get("started_at")).append(". ");
        Map<String, Object> machine = get("machine");
        md.append(String.format(
                "Machine: %s cores (%s), %s memory; %s; %s; the application, PostgreSQL and the driver share it.%n%n",
                machine.get("nproc"),
                machine.get("cpu_model"),
                machine.get("memory"),
                machine.get("java"),
                machine.get("postgresql")));
        String label = get("label");
        if (!label.isBlank()) {
            md.append("Label: ").append(label).append("\n\n");
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
        List<Map<String, Object>> phaseJson = get("phases");
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
        List<Map<String, Object>> targets = get("targets");
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
        if (json.get("pgbench_variants") instanceof Map<?, ?> variants) {
            md.append(hotRow(variants));
        }
        return md.toString();
    }

    /** The hot-row comparison (ADR 5): the naive hold against the stock row last and bucket rows. */
    private String hotRow(Map<?, ?> variants) {
        StringBuilder md = new StringBuilder("\n## The hot row: the same hold three ways (pgbench)\n\n");
        md.append("| hold | tx/s | latency avg ms | failed |\n|---|---:|---:|---:|\n");
        md.append(variantRow("naive: stock row first (the ratio's denominator)", pgbench));
        if (variants.get("lock_last") instanceof Map<?, ?> last) {
            md.append(variantRow("stock row last (the app's order)", last));
        }
        if (variants.get("buckets") instanceof Map<?, ?> buckets) {
            md.append(variantRow(variants.get("bucket_rows") + " bucket rows, SKIP LOCKED, last", buckets));
        }
        if (variants.get("buckets") instanceof Map<?, ?> buckets) {
            md.append("\n```\n").append(buckets.get("script")).append("\n```\n");
        }
        return md.toString();
    }

    private static String variantRow(String name, Map<?, ?> result) {
        return String.format(
                Locale.ROOT,
                "| %s | %s | %s | %s |%n",
                name,
                result.get("tps") instanceof Number n ? String.format(Locale.ROOT, "%.0f", n.doubleValue()) : "n/a",
                result.containsKey("latency_avg_ms") ? result.get("latency_avg_ms") : "n/a",
                result.containsKey("failed") ? result.get("failed") : "n/a");
    }

    /** A latency in ms as the tables show it: "–" when nothing was measured. */
    static String ms(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
