package org.ticketvendor.reliability;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * What the database says after a crash or an outage: the invariants of the sale, checked in SQL over the
 * whole (fresh) database, and seeding of buyer accounts.
 */
final class StockAudit {

    private StockAudit() {}

    /**
     * Every invariant as {@code name -> number of violations}; all zero when the state is consistent.
     *
     * @param overdueSlackSeconds how far past its deadline an active hold or a pending order may be (the
     *     jobs run every second or so, and the sweeper waits its grace)
     */
    static Map<String, Long> violations(Connection c, long overdueSlackSeconds) throws SQLException {
        Map<String, Long> result = new LinkedHashMap<>();
        result.put("tiers sold + held + waiting over capacity", count(c, """
                select count(*) from tier_stock where sold + held + waiting > capacity
                """));
        result.put("tiers whose valid tickets + actively held seats exceed capacity", count(c, """
                select count(*) from tier_stock ts
                where (select count(*) from tickets t where t.tier_id = ts.tier_id and t.status in ('valid', 'checked_in'))
                    + (select coalesce(sum(hi.quantity), 0) from hold_items hi join holds h on h.id = hi.hold_id
                       where hi.tier_id = ts.tier_id and h.status = 'active') > ts.capacity
                """));
        result.put("tiers whose sold counter differs from their valid tickets", count(c, """
                select count(*) from tier_stock ts
                where ts.sold <> (select count(*) from tickets t
                                  where t.tier_id = ts.tier_id and t.status in ('valid', 'checked_in'))
                """));
        result.put("tiers whose held counter differs from their active holds", count(c, """
                select count(*) from tier_stock ts
                where ts.held <> (select coalesce(sum(hi.quantity), 0) from hold_items hi
                                  join holds h on h.id = hi.hold_id
                                  where hi.tier_id = ts.tier_id and h.status = 'active')
                """));
        result.put("active holds past their deadline", count(c, """
                select count(*) from holds
                where status = 'active' and expires_at < now() - make_interval(secs => %d)
                """.formatted(overdueSlackSeconds)));
        result.put("unpaid orders past their deadline", count(c, """
                select count(*) from orders
                where status = 'pending_payment' and expires_at < now() - make_interval(secs => %d)
                """.formatted(overdueSlackSeconds)));
        result.put("valid tickets of orders that are not paid", count(c, """
                select count(*) from tickets t join orders o on o.id = t.order_id
                where t.status in ('valid', 'checked_in') and o.status not in ('paid', 'partially_refunded')
                """));
        result.put("paid orders whose tickets do not match their lines", count(c, """
                select count(*) from orders o
                where o.status = 'paid'
                  and (select coalesce(sum(quantity), 0) from order_items i where i.order_id = o.id)
                      <> (select count(*) from tickets t where t.order_id = o.id and t.status in ('valid', 'checked_in'))
                """));
        result.put(
                "duplicate ticket numbers", count(c, "select count(*) - count(distinct ticket_number) from tickets"));
        result.put("paid orders whose seats are also still held", count(c, """
                select count(*) from orders o join holds h on h.reference = o.id::text
                where o.status = 'paid' and h.status = 'active'
                """));
        return result;
    }

    /** Only the non-zero entries. */
    static Map<String, Long> nonZero(Map<String, Long> violations) {
        Map<String, Long> result = new LinkedHashMap<>();
        violations.forEach((name, n) -> {
            if (n != 0) {
                result.put(name, n);
            }
        });
        return result;
    }

    /** Buyers {@code <prefix>-<i>@reliability.test} with {@link Shop#PASSWORD} (bcrypt cost 4: logins stay cheap). */
    static List<String> seedBuyers(Connection c, String prefix, int count) throws SQLException {
        String hash = BCrypt.hashpw(Shop.PASSWORD, BCrypt.gensalt(4));
        try (PreparedStatement insert = c.prepareStatement("""
                insert into users (email, password_hash, full_name)
                select ? || '-' || g || '@reliability.test', ?, 'Reliability buyer ' || g
                from generate_series(0, ? - 1) g
                """)) {
            insert.setString(1, prefix);
            insert.setString(2, hash);
            insert.setInt(3, count);
            insert.executeUpdate();
        }
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            emails.add(prefix + "-" + i + "@reliability.test");
        }
        return emails;
    }

    /** Status of each order, by id. */
    static Map<UUID, String> orderStatuses(Connection c, Collection<UUID> ids) throws SQLException {
        Map<UUID, String> result = new LinkedHashMap<>();
        try (PreparedStatement q = c.prepareStatement("select id, status from orders where id = any(?)")) {
            q.setArray(1, c.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    result.put(rs.getObject(1, UUID.class), rs.getString(2));
                }
            }
        }
        return result;
    }

    /** Valid tickets of each order, by id (orders without any are absent). */
    static Map<UUID, Long> validTickets(Connection c, Collection<UUID> ids) throws SQLException {
        Map<UUID, Long> result = new LinkedHashMap<>();
        try (PreparedStatement q = c.prepareStatement("""
                select order_id, count(*) from tickets
                where order_id = any(?) and status in ('valid', 'checked_in') group by order_id
                """)) {
            q.setArray(1, c.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    result.put(rs.getObject(1, UUID.class), rs.getLong(2));
                }
            }
        }
        return result;
    }

    static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
