package org.ticketvendor.analytics;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Analytics data made in SQL at any scale ({@code src/test/resources/analytics/seed.sql}): about 2.2
 * tickets per order. Ids are derived from the tag, so tests can name what they seeded.
 */
record AnalyticsSeed(String tag, int orders, int events, int buyers, Instant start) {

    static AnalyticsSeed create(
            JdbcTemplate jdbc, TransactionTemplate tx, int orders, int events, int buyers, Instant start) {
        String tag = "s" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        AnalyticsSeed seed = new AnalyticsSeed(tag, orders, events, buyers, start);
        String sql = template()
                .replace("{tag}", tag)
                .replace("{orders}", Integer.toString(orders))
                .replace("{events}", Integer.toString(events))
                .replace("{buyers}", Integer.toString(buyers))
                .replace("{start}", start.toString());
        tx.executeWithoutResult(s -> jdbc.execute(sql));
        return seed;
    }

    /** Event 0 is the big one, 1 is in Asia/Kolkata, {@code events - 1} sells in USD. */
    UUID event(int e) {
        return uuid("event:" + e);
    }

    /** Owns events 0 .. events-1; promoter 2 owns event {@code events}. */
    UUID promoter(int p) {
        return uuid("promoter:" + p);
    }

    UUID tier(int e, int t) {
        return uuid("tier:" + e + ":" + t);
    }

    /** The same uuid PostgreSQL makes with {@code md5(text)::uuid}. */
    private UUID uuid(String name) {
        String hex = md5Hex(tag + ":" + name);
        return UUID.fromString(hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20));
    }

    private static String md5Hex(String s) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String template() {
        try (InputStream in = AnalyticsSeed.class.getResourceAsStream("/analytics/seed.sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
