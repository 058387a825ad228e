package org.ticketvendor.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The hot-row comparison behind ADR 5: besides the naive hold (the ratio's denominator), pgbench runs the
 * same hold with the stock row touched last, and against stock split into bucket rows, each on scratch
 * tables with the real tables' constraints and indexes, with the same clients and duration.
 */
final class HotRow {

    private HotRow() {}

    static Map<String, Object> variants(Options options, Database db, Cpu cpu) throws SQLException {
        int buckets = options.integer("pgbench-buckets");
        UUID tier = UUID.randomUUID();
        Map<String, Object> results = new LinkedHashMap<>();
        try (Connection c = db.connect();
                Statement s = c.createStatement()) {
            for (String sql : PgBench.VARIANT_SETUP) {
                s.execute(sql);
            }
            s.execute("insert into bench_tier_stock (tier_id, capacity) values ('" + tier + "', 1000000)");
            s.execute("insert into bench_stock_buckets (tier_id, bucket, capacity) select '" + tier + "', b, "
                    + (1_000_000 / buckets) + " from generate_series(0, " + (buckets - 1) + ") b");
        }
        try {
            results.put("lock_last", measure(options, db, cpu, PgBench.LOCK_LAST_SCRIPT, tier, "the hold with the stock row touched last"));
            results.put("buckets", measure(options, db, cpu, PgBench.BUCKETS_SCRIPT, tier, "the hold on " + buckets + " bucket rows"));
            results.put("bucket_rows", buckets);
        } finally {
            try (Connection c = db.connect();
                    Statement s = c.createStatement()) {
                s.execute(PgBench.VARIANT_TEARDOWN);
            }
        }
        return results;
    }

    /** Runs one pgbench script on the tier once the app's sessions are quiet, with the CPU it took. */
    static Map<String, Object> measure(
            Options options, Database db, Cpu cpu, String script, UUID tier, String what) {
        db.waitQuiet(60);
        System.out.printf("pgbench: %s, %d clients (the app's pool), %d s%n",
                what, options.integer("pool-size"), options.integer("pgbench-seconds"));
        Cpu.Snapshot before = cpu.snapshot();
        Map<String, Object> result = PgBench.run(
                options.get("pgbench"),
                script,
                db.url,
                options.get("db-user"),
                options.get("db-password"),
                tier,
                options.integer("pool-size"),
                options.integer("pgbench-threads"),
                options.integer("pgbench-seconds"));
        result.put("cpu", cpu.since(before));
        return result;
    }
}
