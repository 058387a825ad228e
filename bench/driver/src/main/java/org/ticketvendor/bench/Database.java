package org.ticketvendor.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Direct SQL on the application's database: seeding buyers, reading counters, checking invariants. */
final class Database {

    /**
     * bcrypt (cost 4) of {@link #BUYER_PASSWORD}. Real accounts use the application's cost (10); the seed
     * uses 4 so that tens of thousands of logins take seconds, not minutes: login cost is not what this
     * benchmark measures. bcrypt checks a hash at the cost written in the hash itself.
     */
    static final String BUYER_HASH = "$2a$04$3/ZxMWYwAVpeKYX5pQDhuOUMR8Kf6Kb/6Gqbz3n8V02iKWYjEnA6a";

    static final String BUYER_PASSWORD = "bench-Passw0rd!";

    final String url;
    private final String user;
    private final String password;

    Database(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    /** Inserts buyers {@code <prefix>-<i>@bench.test}, i from 0, in one statement; returns their emails. */
    List<String> seedBuyers(String prefix, int count) throws SQLException {
        try (Connection c = connect();
                PreparedStatement insert = c.prepareStatement("""
                        insert into users (email, password_hash, full_name)
                        select ? || '-' || g || '@bench.test', ?, 'Bench buyer ' || g
                        from generate_series(0, ? - 1) g
                        """)) {
            insert.setString(1, prefix);
            insert.setString(2, BUYER_HASH);
            insert.setInt(3, count);
            insert.executeUpdate();
        }
        List<String> emails = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            emails.add(prefix + "-" + i + "@bench.test");
        }
        return emails;
    }

    /** Committed plus rolled-back transactions of this database so far (the statistics lag by up to ~1 s). */
    long transactions() {
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            s.execute("select pg_stat_force_next_flush()");
            try (ResultSet rs = s.executeQuery(
                    "select xact_commit + xact_rollback from pg_stat_database where datname = current_database()")) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            return -1;
        }
    }

    /**
     * Waits until the application's sessions have been idle for two seconds (at most {@code maxSeconds}):
     * requests the driver gave up on may still be running in the server, and would disturb what follows.
     *
     * @return seconds waited
     */
    double waitQuiet(int maxSeconds) {
        long start = System.nanoTime();
        int quiet = 0;
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            while (quiet < 4 && System.nanoTime() - start < maxSeconds * 1_000_000_000L) {
                try (ResultSet rs = s.executeQuery("""
                        select count(*) from pg_stat_activity
                        where datname = current_database() and pid <> pg_backend_pid()
                          and backend_type = 'client backend' and state <> 'idle'
                        """)) {
                    rs.next();
                    quiet = rs.getLong(1) == 0 ? quiet + 1 : 0;
                }
                Thread.sleep(500);
            }
        } catch (SQLException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return (System.nanoTime() - start) / 1e9;
    }

    String version() {
        return scalar("select version()");
    }

    /** The postmaster's pid, when the server runs on this machine and its data directory is readable. */
    long postmasterPid() {
        try {
            String dir = scalar("select current_setting('data_directory')");
            if (dir == null) {
                return -1;
            }
            List<String> lines = Files.readAllLines(Path.of(dir, "postmaster.pid"), StandardCharsets.UTF_8);
            return Long.parseLong(lines.get(0).trim());
        } catch (Exception e) {
            return -1;
        }
    }

    String scalar(String sql) {
        try (Connection c = connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            return null;
        }
    }

    /** What the tier's stock row says. */
    Map<String, Integer> stock(UUID tierId) throws SQLException {
        try (Connection c = connect();
                PreparedStatement q = c.prepareStatement(
                        "select capacity, sold, held, waiting from tier_stock where tier_id = ?")) {
            q.setObject(1, tierId);
            try (ResultSet rs = q.executeQuery()) {
                Map<String, Integer> result = new LinkedHashMap<>();
                if (rs.next()) {
                    for (String col : List.of("capacity", "sold", "held", "waiting")) {
                        result.put(col, rs.getInt(col));
                    }
                }
                return result;
            }
        }
    }

    /** The invariants, over every tier and order in the database. */
    Map<String, Object> invariants() throws SQLException {
        Map<String, Object> result = new LinkedHashMap<>();
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            long oversoldCounters = 0;
            long oversoldRows = 0;
            long soldMismatch = 0;
            long heldMismatch = 0;
            List<Map<String, Object>> tiers = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("""
                    select ts.tier_id, ts.capacity, ts.sold, ts.held, ts.waiting,
                           coalesce(t.n, 0) as tickets, coalesce(h.q, 0) as active_held
                    from tier_stock ts
                    left join (select tier_id, count(*) as n from tickets
                               where status in ('valid', 'checked_in') group by tier_id) t using (tier_id)
                    left join (select hi.tier_id, sum(hi.quantity) as q from hold_items hi
                               join holds h on h.id = hi.hold_id where h.status = 'active'
                               group by hi.tier_id) h using (tier_id)
                    order by ts.created_at
                    """)) {
                while (rs.next()) {
                    int capacity = rs.getInt("capacity");
                    int sold = rs.getInt("sold");
                    int held = rs.getInt("held");
                    long tickets = rs.getLong("tickets");
                    long activeHeld = rs.getLong("active_held");
                    oversoldCounters += Math.max(0, sold + held - capacity);
                    oversoldRows += Math.max(0, tickets + activeHeld - capacity);
                    soldMismatch += Math.abs(sold - tickets);
                    heldMismatch += Math.abs(held - activeHeld);
                    Map<String, Object> tier = new LinkedHashMap<>();
                    tier.put("tier_id", rs.getString("tier_id"));
                    tier.put("capacity", capacity);
                    tier.put("sold", sold);
                    tier.put("held", held);
                    tier.put("waiting", rs.getInt("waiting"));
                    tier.put("tickets", tickets);
                    tier.put("active_held_in_holds", activeHeld);
                    tiers.add(tier);
                }
            }
            result.put("oversold_by_counters", oversoldCounters);
            result.put("oversold_by_rows", oversoldRows);
            result.put("oversold", Math.max(oversoldCounters, oversoldRows));
            result.put("sold_counter_vs_tickets_mismatch", soldMismatch);
            result.put("held_counter_vs_active_holds_mismatch", heldMismatch);
            result.put("tickets_not_in_a_paid_order", count(s, """
                    select count(*) from tickets t join orders o on o.id = t.order_id
                    where t.status in ('valid', 'checked_in') and o.status <> 'paid'
                    """));
            result.put("tickets_whose_tier_differs_from_their_order_line", count(s, """
                    select count(*) from tickets t join order_items oi on oi.id = t.order_item_id
                    where oi.tier_id <> t.tier_id or oi.order_id <> t.order_id
                    """));
            result.put("duplicate_ticket_numbers", count(s, """
                    select count(*) - count(distinct ticket_number) from tickets
                    """));
            result.put("paid_orders_with_wrong_ticket_count", count(s, """
                    select count(*) from orders o
                    join (select order_id, sum(quantity) as q from order_items group by order_id) i on i.order_id = o.id
                    left join (select order_id, count(*) as n from tickets group by order_id) t on t.order_id = o.id
                    where o.status = 'paid' and coalesce(t.n, 0) <> i.q
                    """));
            result.put("paid_orders", count(s, "select count(*) from orders where status = 'paid'"));
            result.put("orders_by_status", countsBy(s, "select status, count(*) from orders group by status"));
            result.put("holds_by_status", countsBy(s, "select status, count(*) from holds group by status"));
            result.put("tickets", count(s, "select count(*) from tickets"));
            result.put("tiers", tiers);
        }
        return result;
    }

    /** Whether every invariant holds. */
    static boolean clean(Map<String, Object> invariants) {
        for (String key : List.of(
                "oversold",
                "sold_counter_vs_tickets_mismatch",
                "held_counter_vs_active_holds_mismatch",
                "tickets_not_in_a_paid_order",
                "tickets_whose_tier_differs_from_their_order_line",
                "duplicate_ticket_numbers",
                "paid_orders_with_wrong_ticket_count")) {
            if (((Number) invariants.get(key)).longValue() != 0) {
                return false;
            }
        }
        return true;
    }

    private static long count(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Map<String, Long> countsBy(Statement s, String sql) throws SQLException {
        Map<String, Long> result = new LinkedHashMap<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                result.put(rs.getString(1), rs.getLong(2));
            }
        }
        return result;
    }
}
