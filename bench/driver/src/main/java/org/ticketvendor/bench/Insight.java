package org.ticketvendor.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the time goes during a phase, from the application's and the database's own counters: the
 * server-side time per endpoint and the connection pool's waits (from {@code /actuator/prometheus}),
 * and what the database's sessions were doing (sampled from {@code pg_stat_activity}).
 */
final class Insight {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{.*})?\\s+(\\S+)$");
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    private final Http http;
    private final Database db;

    Insight(Http http, Database db) {
        this.http = http;
        this.db = db;
    }

    /** The counters at one moment. */
    record Snapshot(Map<String, double[]> requests, Map<String, Double> values) {
        boolean empty() {
            return requests.isEmpty() && values.isEmpty();
        }
    }

    Snapshot scrape() {
        Map<String, double[]> requests = new TreeMap<>();
        Map<String, Double> values = new TreeMap<>();
        Http.Answer a = http.call(http.request("/actuator/prometheus", null).setHeader("Accept", "text/plain").GET());
        if (a.status() != 200) {
            return new Snapshot(requests, values);
        }
        for (String line : a.body().split("\n")) {
            if (line.startsWith("#")) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            if (!m.find()) {
                continue;
            }
            String name = m.group(1);
            double value;
            try {
                value = Double.parseDouble(m.group(3));
            } catch (NumberFormatException e) {
                continue;
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (m.group(2) != null) {
                Matcher l = LABEL.matcher(m.group(2));
                while (l.find()) {
                    labels.put(l.group(1), l.group(2));
                }
            }
            if (name.equals("http_server_requests_seconds_count") || name.equals("http_server_requests_seconds_sum")) {
                String key = labels.get("method") + " " + labels.get("uri");
                double[] cs = requests.computeIfAbsent(key, k -> new double[2]);
                cs[name.endsWith("_count") ? 0 : 1] += value;
            } else if (name.startsWith("hikaricp_connections_acquire_seconds")
                    || name.startsWith("hikaricp_connections_usage_seconds")
                    || name.startsWith("jvm_gc_pause_seconds")) {
                if (name.endsWith("_count") || name.endsWith("_sum")) {
                    values.merge(name, value, Double::sum);
                }
            }
        }
        return new Snapshot(requests, values);
    }

    /** Server-side mean time per endpoint and the pool's mean wait and hold times between two snapshots. */
    static Map<String, Object> between(Snapshot before, Snapshot after) {
        Map<String, Object> result = new LinkedHashMap<>();
        if (before.empty() || after.empty()) {
            result.put("error", "the app's metrics could not be read (it did not answer in time)");
            return result;
        }
        Map<String, Object> endpoints = new TreeMap<>();
        after.requests().forEach((key, cs) -> {
            double[] b = before.requests().getOrDefault(key, new double[2]);
            double count = cs[0] - b[0];
            if (count > 0 && !key.contains("/actuator")) {
                endpoints.put(key, FlashSale.map(
                        "count", (long) count, "server_mean_ms", round((cs[1] - b[1]) / count * 1000)));
            }
        });
        result.put("server_side_per_endpoint", endpoints);
        result.put("pool_acquire_mean_ms", mean(before, after, "hikaricp_connections_acquire_seconds"));
        result.put("pool_usage_mean_ms", mean(before, after, "hikaricp_connections_usage_seconds"));
        result.put("pool_acquisitions", delta(before, after, "hikaricp_connections_acquire_seconds_count"));
        result.put("gc_pause_total_ms", round(delta(before, after, "jvm_gc_pause_seconds_sum") * 1000));
        return result;
    }

    private static Double mean(Snapshot before, Snapshot after, String family) {
        double count = delta(before, after, family + "_count");
        return count <= 0 ? null : round(delta(before, after, family + "_sum") / count * 1000);
    }

    private static double delta(Snapshot before, Snapshot after, String name) {
        return after.values().getOrDefault(name, 0.0) - before.values().getOrDefault(name, 0.0);
    }

    /** Samples the database's client sessions every 200 ms until stopped. */
    final class Activity implements AutoCloseable {
        private final Map<String, Long> counts = new TreeMap<>();
        private long samples;
        private volatile boolean running = true;
        private final Thread thread;

        Activity() {
            thread = new Thread(this::loop, "pg-activity");
            thread.setDaemon(true);
            thread.start();
        }

        private void loop() {
            try (Connection c = db.connect();
                    Statement s = c.createStatement()) {
                while (running) {
                    try (ResultSet rs = s.executeQuery("""
                            select state || coalesce(' / ' || wait_event_type || ':' || wait_event, ' / on CPU') as what
                            from pg_stat_activity
                            where datname = current_database() and pid <> pg_backend_pid()
                              and backend_type = 'client backend' and application_name <> 'pgbench'
                            """)) {
                        synchronized (this) {
                            samples++;
                            while (rs.next()) {
                                counts.merge(rs.getString(1), 1L, Long::sum);
                            }
                        }
                    }
                    Thread.sleep(200);
                }
            } catch (Exception e) {
                // best effort: no activity figures then
            }
        }

        /** Average number of sessions in each state / wait, per sample. */
        synchronized Map<String, Object> averages() {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("samples", samples);
            Map<String, Double> avg = new LinkedHashMap<>();
            counts.entrySet().stream()
                    .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                    .forEach(e -> avg.put(e.getKey(), samples == 0 ? 0 : round((double) e.getValue() / samples)));
            result.put("average_sessions", avg);
            return result;
        }

        @Override
        public void close() {
            running = false;
            thread.interrupt();
        }
    }

    Activity activity() {
        return new Activity();
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
