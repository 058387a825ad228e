package org.ticketvendor.analytics;

import io.restassured.path.json.JsonPath;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The reports' numbers counted again, straight from the other modules' tables and by other routes
 * than the read model takes (correlated counts, so that PostgreSQL probes indexes per row instead of
 * hashing whole tables): tickets sold are ticket rows (not paid order lines), money is each
 * ticket's price, a hold was paid when its line has tickets, buckets are made in Java from each
 * ticket's payment time. Figures are flat maps keyed like the JSON, so a report compares in one
 * assertion.
 */
final class DirectCounts {

    private static final String TIER_FIGURES = """
            select t.id as tier_id,
                   coalesce(s.capacity, 0) as capacity, coalesce(s.sold, 0) as sold, coalesce(s.held, 0) as held,
                   coalesce(s.waiting, 0) as waiting,
                   (select count(*) from tickets k where k.event_id = t.event_id and k.tier_id = t.id) as tickets_sold,
                   (select count(*) from tickets k where k.event_id = t.event_id and k.tier_id = t.id and k.status = 'refunded') as tickets_refunded,
                   (select count(*) from tickets k where k.event_id = t.event_id and k.tier_id = t.id and k.checked_in_at is not null) as checked_in,
                   (select coalesce(sum(i.unit_price_minor), 0) from tickets k
                      join order_items i on i.id = k.order_item_id where k.event_id = t.event_id and k.tier_id = t.id) as gross,
                   (select coalesce(sum(i.unit_price_minor), 0) from tickets k
                      join order_items i on i.id = k.order_item_id
                      where k.event_id = t.event_id and k.tier_id = t.id and k.status = 'refunded') as refunds,
                   (select count(*) from waitlist w where w.tier_id = t.id and w.status = 'waiting') as wl_entries,
                   (select coalesce(sum(w.quantity), 0) from waitlist w
                      where w.tier_id = t.id and w.status = 'waiting') as wl_seats,
                   (select count(*) from waitlist w where w.tier_id = t.id and w.status = 'offered') as offers,
                   (select count(*) from order_items i where i.tier_id = t.id) as placed,
                   (select count(*) from order_items i
                      where i.tier_id = t.id and (select count(*) from tickets k where k.order_id = i.order_id and k.order_item_id = i.id) > 0) as paid,
                   (select count(*) from order_items i join orders o on o.id = i.order_id
                      where i.tier_id = t.id and o.status = 'pending_payment') as pending,
                   (select count(*) from order_items i join orders o on o.id = i.order_id
                      where i.tier_id = t.id and o.status = 'cancelled') as cancelled,
                   (select count(*) from order_items i join orders o on o.id = i.order_id
                      where i.tier_id = t.id and (o.status = 'expired' or (o.status = 'refunded'
                        and (select count(*) from tickets k where k.order_id = o.id) = 0))) as expired
            from ticket_tiers t
            left join tier_stock s on s.tier_id = t.id
            """;

    private final JdbcClient jdbc;

    DirectCounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Per tier of the event (not deleted), its figures. */
    Map<UUID, Map<String, Long>> tiers(UUID eventId) {
        Map<UUID, Map<String, Long>> result = new LinkedHashMap<>();
        jdbc.sql(TIER_FIGURES + " where t.event_id = :eventId and t.deleted_at is null")
                .param("eventId", eventId)
                .query((rs, row) -> Map.entry(rs.getObject("tier_id", UUID.class), figures(rs)))
                .list()
                .forEach(e -> result.put(e.getKey(), e.getValue()));
        return result;
    }

    /** The event's figures: its tiers summed, and its orders as holds. */
    Map<String, Long> event(UUID eventId) {
        Map<String, Long> sum = new TreeMap<>();
        tiers(eventId).values().forEach(t -> t.forEach((k, v) -> sum.merge(k, v, Long::sum)));
        sum.putAll(jdbc.sql("""
                        select count(*) as placed,
                               count(*) filter (where (select count(*) from tickets k where k.order_id = o.id) > 0) as paid,
                               count(*) filter (where o.status = 'pending_payment') as pending,
                               count(*) filter (where o.status = 'cancelled') as cancelled,
                               count(*) filter (where o.status = 'expired' or (o.status = 'refunded'
                                   and (select count(*) from tickets k where k.order_id = o.id) = 0)) as expired
                        from orders o where o.event_id = :eventId
                        """)
                .param("eventId", eventId)
                .query((rs, row) -> holds(rs))
                .single());
        return sum;
    }

    /** Tickets sold per bucket start (only buckets with sales), bucketed in Java by the payment time. */
    Map<Instant, Long> soldPerBucket(UUID eventId, UUID tierId, String granularity, ZoneId zone) {
        List<Instant> paidAt = jdbc.sql("""
                        select o.paid_at from tickets k join orders o on o.id = k.order_id
                        where k.event_id = :eventId and (cast(:tierId as uuid) is null or k.tier_id = :tierId)
                        """)
                .param("eventId", eventId)
                .param("tierId", tierId)
                .query((rs, row) -> rs.getTimestamp(1).toInstant())
                .list();
        Map<Instant, Long> buckets = new TreeMap<>();
        for (Instant t : paidAt) {
            Instant start = "hour".equals(granularity)
                    ? t.atZone(zone).truncatedTo(ChronoUnit.HOURS).toInstant()
                    : t.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant();
            buckets.merge(start, 1L, Long::sum);
        }
        return buckets;
    }

    /**
     * A figures object of a report, flattened like {@link #tiers}. Read as one map: each JsonPath
     * lookup is a Groovy expression, too slow to make eighteen of per tier.
     */
    static Map<String, Long> figures(JsonPath json, String path) {
        Map<String, Object> figures = json.getMap(path);
        Map<String, Long> f = new TreeMap<>();
        for (String key : List.of(
                "capacity",
                "sold",
                "held",
                "available",
                "tickets_sold",
                "tickets_refunded",
                "checked_in",
                "gross_revenue_minor",
                "refunds_minor",
                "net_revenue_minor")) {
            f.put(key, number(figures.get(key)));
        }
        Map<?, ?> waitlist = (Map<?, ?>) figures.get("waitlist");
        f.put("waitlist.entries", number(waitlist.get("entries")));
        f.put("waitlist.seats", number(waitlist.get("seats")));
        f.put("waitlist.offers_open", number(waitlist.get("offers_open")));
        Map<?, ?> conversion = (Map<?, ?>) figures.get("conversion");
        for (String key : List.of("placed", "paid", "pending", "cancelled", "expired")) {
            f.put("holds_" + key, number(conversion.get("holds_" + key)));
        }
        return f;
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }

    private static Map<String, Long> figures(ResultSet rs) throws SQLException {
        Map<String, Long> f = new TreeMap<>();
        long capacity = rs.getLong("capacity");
        long sold = rs.getLong("sold");
        long held = rs.getLong("held");
        f.put("capacity", capacity);
        f.put("sold", sold);
        f.put("held", held);
        f.put("available", Math.max(0, capacity - sold - held - rs.getLong("waiting")));
        f.put("tickets_sold", rs.getLong("tickets_sold"));
        f.put("tickets_refunded", rs.getLong("tickets_refunded"));
        f.put("checked_in", rs.getLong("checked_in"));
        f.put("gross_revenue_minor", rs.getLong("gross"));
        f.put("refunds_minor", rs.getLong("refunds"));
        f.put("net_revenue_minor", rs.getLong("gross") - rs.getLong("refunds"));
        f.put("waitlist.entries", rs.getLong("wl_entries"));
        f.put("waitlist.seats", rs.getLong("wl_seats"));
        f.put("waitlist.offers_open", rs.getLong("offers"));
        f.putAll(holds(rs));
        return f;
    }

    private static Map<String, Long> holds(ResultSet rs) throws SQLException {
        Map<String, Long> f = new TreeMap<>();
        for (String key : List.of("placed", "paid", "pending", "cancelled", "expired")) {
            f.put("holds_" + key, rs.getLong(key));
        }
        return f;
    }
}
