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

    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");
    private static final Pattern LATENCY = Pattern.compile("latency average = ([0-9.]+) ms");
    private static final Pattern FAILED = Pattern.compile("number of failed transactions: ([0-9]+)");
    private static final Pattern PROCESSED = Pattern.compile("number of transactions actually processed: ([0-9]+)");

    private PgBench() {}

    static Map<String, Object> run(
            String executable, String jdbcUrl, String user, String password, Catalog.Tier tier, int clients,
            int threads, int seconds) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("script", HOLD_SCRIPT.strip());
        result.put("clients", clients);
        result.put("threads", threads);
        result.put("seconds", seconds);
        try {
            URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
            String database = uri.getPath().replaceFirst("^/", "");
            Path script = Files.createTempFile("tv-bench-hold", ".sql");
            Files.writeString(script, HOLD_SCRIPT, StandardCharsets.UTF_8);
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
                    "tier=" + tier.tierId(),
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
