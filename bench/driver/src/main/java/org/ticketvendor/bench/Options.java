package org.ticketvendor.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The driver's command line: {@code --name value} pairs, each with a default and a line of help. */
final class Options {

    private record Option(String defaultValue, String help) {}

    private static final Map<String, Option> KNOWN = new LinkedHashMap<>();

    static {
        def("shape", "burst", "burst | sweep | sustained | expiry");
        def("base-url", "http://127.0.0.1:8080", "the running application");
        def("jdbc-url", "", "the application's database (jdbc:postgresql://host:port/db), for seeding and checks");
        def("db-user", "postgres", "database user");
        def("db-password", "", "database password");
        def("pool-size", "10", "the application's connection pool size (pgbench uses as many clients)");
        def("capacity", "10000", "burst/expiry: seats in the tier (sustained and sweep size their tiers themselves)");
        def("expiry-rate", "100", "expiry: arrivals per second of both waves");
        def("arrivals", "20000", "burst: buyers arriving");
        def("seconds", "10", "burst: seconds over which they arrive");
        def("rate", "1000", "sustained: arrivals per second");
        def("sustained-seconds", "60", "sustained: measured seconds");
        def("rates", "250,500,1000,1500,2000,3000", "sweep: arrivals per second of each step");
        def("step-seconds", "20", "sweep: seconds per step");
        def("warmup-rate", "50", "burst/sweep/sustained: warm-up arrivals per second (own event, reported apart)");
        def("warmup-seconds", "10", "burst/sweep/sustained: warm-up seconds (0 = none)");
        def("stop-when-saturated", "true", "sweep: skip the higher steps once a step misses its rate badly");
        def("soldout-rate", "3000", "burst: after the sell-out, arrivals per second against the sold-out tier");
        def("soldout-seconds", "10", "burst: seconds of that sold-out phase (0 = none)");
        def("pay-fraction", "0.9", "share of buyers with a hold who pay (test mode) and confirm");
        def("browse-rate", "20", "requests/s to other endpoints (event, tiers, availability, search, orders, me), on 32 connections of their own");
        def("concurrency", "400", "most HTTP requests in flight at once (later arrivals queue, latency still counts)");
        def("timeout", "30", "seconds before a request (queueing included) counts as a timeout");
        def("login-concurrency", "32", "concurrent logins in the preparation phase (closed loop)");
        def("buyers", "0", "buyer accounts to seed (0 = as many as the shape needs)");
        def("hold-ttl", "", "expiry: the application's hold TTL as configured (e.g. 10s), for the report");
        def("pgbench", "pgbench", "pgbench executable ('' or 'none' to skip the database ceiling)");
        def("pgbench-seconds", "20", "pgbench duration (-T)");
        def("pgbench-variants", "false", "also run the hold with the stock row last and on bucket rows (ADR 5)");
        def("pgbench-buckets", "8", "bucket rows for that variant");
        def("pgbench-threads", "2", "pgbench threads (-j)");
        def("app-pid", "", "the application's pid, for the CPU split");
        def("results-dir", "bench/results", "where the JSON and Markdown reports go");
        def("label", "", "free text recorded with the results (e.g. the database used)");
    }

    private static void def(String name, String defaultValue, String help) {
        KNOWN.put(name, new Option(defaultValue, help));
    }

    private final Map<String, String> values = new LinkedHashMap<>();

    static Options parse(String[] args) {
        Options options = new Options();
        KNOWN.forEach((name, option) -> options.values.put(name, option.defaultValue()));
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                System.out.println(help());
                System.exit(0);
            }
            if (!arg.startsWith("--")) {
                unknown.add(arg);
                continue;
            }
            String name = arg.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("Option --" + name + " needs a value");
            }
            if (!KNOWN.containsKey(name)) {
                unknown.add(arg);
                continue;
            }
            options.values.put(name, value);
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("Unknown arguments " + unknown + "\n" + help());
        }
        return options;
    }

    static String help() {
        StringBuilder text = new StringBuilder("Driver options (all optional):\n");
        KNOWN.forEach((name, option) -> text.append(String.format(
                "  --%-20s %s%s%n",
                name,
                option.help(),
                option.defaultValue().isEmpty() ? "" : " [" + option.defaultValue() + "]")));
        return text.toString();
    }

    String get(String name) {
        if (!values.containsKey(name)) {
            throw new IllegalArgumentException("No option " + name);
        }
        return values.get(name);
    }

    int integer(String name) {
        return Integer.parseInt(get(name).trim());
    }

    double decimal(String name) {
        return Double.parseDouble(get(name).trim());
    }

    boolean flag(String name) {
        return Boolean.parseBoolean(get(name).trim());
    }

    List<Integer> integers(String name) {
        List<Integer> result = new ArrayList<>();
        for (String part : get(name).split(",")) {
            if (!part.isBlank()) {
                result.add(Integer.parseInt(part.trim()));
            }
        }
        return result;
    }

    Map<String, String> all() {
        return values;
    }
}
