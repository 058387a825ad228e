package org.ticketvendor.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The database's own ceiling for the hold: pgbench runs the statements of {@code Holds.place} (from
 * {@code TierStockRepository.hold} and {@code HoldRepository.insert}), as prepared statements in one
 * transaction, against one hot tier row, with as many clients as the application has pooled connections.
 * Its holds expire in a day (the time to live is a parameter, not work), so that no sweeper touches them
 * during the run; they stay in the invariant checks like every other hold.
 */
final class PgBench {

    /** The application's hold, statement for statement. */
    static final String HOLD_SCRIPT = """
            \\set quantity 1
            BEGIN;
            update tier_stock set held = held + :quantity where tier_id = :tier and sold + held + waiting + :quantity <= capacity returning capacity, sold, held, waiting;
            insert into holds (reference, expires_at) values ('pgbench:' || gen_random_uuid(), now() + interval '1 day') returning id \\gset hold_
            insert into hold_items (hold_id, tier_id, quantity) values (:hold_id, :tier, :quantity);
            END;
            """;

    /**
     * The same hold with the hot row touched last (the order {@code Holds.place} uses since issue 6), on
     * scratch copies of the tables so that its holds never count against the sale's stock.
     */
    static final String LOCK_LAST_SCRIPT = """
            \\set quantity 1
            BEGIN;
            insert into bench_holds (reference, expires_at) values ('pgbench:' || gen_random_uuid(), now() + interval '1 day') returning id \\gset hold_
            insert into bench_hold_items (hold_id, tier_id, quantity) values (:hold_id, :tier, :quantity);
            update bench_tier_stock set held = held + :quantity where tier_id = :tier and sold + held + waiting + :quantity <= capacity returning capacity, sold, held, waiting;
            END;
            """;

    /**
     * The hold against stock split into bucket rows: a random bucket with room, claimed with SKIP LOCKED,
     * touched last. The design ADR 5 weighs against the single row.
     */
    static final String BUCKETS_SCRIPT = """
            \\set quantity 1
            BEGIN;
            insert into bench_holds (reference, expires_at) values ('pgbench:' || gen_random_uuid(), now() + interval '1 day') returning id \\gset hold_
            insert into bench_hold_items (hold_id, tier_id, quantity) values (:hold_id, :tier, :quantity);
            update bench_stock_buckets set held = held + :quantity where (tier_id, bucket) = (select tier_id, bucket from bench_stock_buckets where tier_id = :tier and sold + held + :quantity <= capacity order by random() limit 1 for update skip locked) returning bucket;
            END;
            """;

    /** Scratch tables for the variants: copies of the real ones (constraints, indexes, triggers' work aside). */
    static final List<String> VARIANT_SETUP = List.of(
            "drop table if exists bench_hold_items, bench_holds, bench_tier_stock, bench_stock_buckets",
            "create table bench_tier_stock (like tier_stock including defaults including constraints including indexes)",
            "create table bench_holds (like holds including defaults including constraints including indexes)",
            "create table bench_hold_items (like hold_items including defaults including constraints including indexes)",
            "alter table bench_hold_items add foreign key (hold_id) references bench_holds (id) on delete cascade",
            "alter table bench_hold_items add foreign key (tier_id) references bench_tier_stock (tier_id)",
            "create trigger bench_tier_stock_set_updated_at before update on bench_tier_stock for each row execute function set_updated_at()",
            "create table bench_stock_buckets (tier_id uuid not null, bucket int not null, capacity int not null, sold int not null default 0, held int not null default 0, updated_at timestamptz not null default now(), primary key (tier_id, bucket), check (sold + held <= capacity))",
            "create trigger bench_stock_buckets_set_updated_at before update on bench_stock_buckets for each row execute function set_updated_at()");

    static final String VARIANT_TEARDOWN = "drop table if exists bench_hold_items, bench_holds, bench_tier_stock, bench_stock_buckets";

    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");
    private static final Pattern LATENCY = Pattern.compile("latency average = ([0-9.]+) ms");
    private static final Pattern FAILED = Pattern.compile("number of failed transactions: ([0-9]+)");
    private static final Pattern PROCESSED = Pattern.compile("number of transactions actually processed: ([0-9]+)");

    private PgBench() {}

    static Map<String, Object> run(
            String executable, String scriptText, String jdbcUrl, String user, String password, UUID tierId,
            int clients, int threads, int seconds) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("script", scriptText.strip());
        result.put("clients", clients);
        result.put("threads", threads);
        result.put("seconds", seconds);
        try {
            URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
            String database = uri.getPath().replaceFirst("^/", "");
            Path script = Files.createTempFile("tv-bench-hold", ".sql");
            Files.writeString(script, scriptText, StandardCharsets.UTF_8);
            List<String> command = new ArrayList<>(List.of(
                    executable,
                    "-n",
                    "-M",
                    "prepared",
                    "-c",
                    Integer.toString(clients),
                    "-j",
                    Integer.toString(Math.min(threads, clients)),
                    "-T",
                    Integer.toString(seconds),
                    "-P",
                    "5",
                    "-D",
                    "tier=" + tierId,
                    "-f",
                    script.toString(),
                    "-h",
                    uri.getHost(),
                    "-p",
                    Integer.toString(uri.getPort() > 0 ? uri.getPort() : 5432),
                    "-U",
                    user,
                    database));
            result.put("command", String.join(" ", command));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("PGPASSWORD", password);
            Process process = builder.start();
            StringBuilder output = new StringBuilder();
            try (var reader = process.inputReader(StandardCharsets.UTF_8)) {
                String line;
                while ((line = reader.readLine()) != null) {
                    output.append(line).append('\n');
                    if (line.startsWith("progress:")) {
                        System.out.println("[pgbench] " + line);
                    }
                }
            }
            if (!process.waitFor(seconds + 60L, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            String out = output.toString();
            result.put("exit_code", process.exitValue());
            Matcher tps = TPS.matcher(out);
            if (tps.find()) {
                result.put("tps", Double.parseDouble(tps.group(1)));
            } else {
                result.put("error", "no tps in pgbench's output");
                result.put("output", out.length() > 4000 ? out.substring(out.length() - 4000) : out);
            }
            Matcher latency = LATENCY.matcher(out);
            if (latency.find()) {
                result.put("latency_avg_ms", Double.parseDouble(latency.group(1)));
            }
            Matcher processed = PROCESSED.matcher(out);
            if (processed.find()) {
                result.put("transactions", Long.parseLong(processed.group(1)));
            }
            Matcher failed = FAILED.matcher(out);
            if (failed.find()) {
                result.put("failed", Long.parseLong(failed.group(1)));
            }
            Files.deleteIfExists(script);
        } catch (IOException e) {
            result.put("error", "could not run " + executable + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result.put("error", "interrupted");
        }
        return result;
    }
}
