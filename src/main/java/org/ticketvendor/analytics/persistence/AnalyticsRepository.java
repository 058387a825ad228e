package org.ticketvendor.analytics.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.ticketvendor.analytics.Conversion;
import org.ticketvendor.analytics.Figures;

/**
 * The reports' queries, over the analytics views only (V27): stock and waitlist live, the rest from
 * the materialized views. Every query reads a handful of rows per tier through an index, whatever
 * the number of tickets.
 */
@Repository
public class AnalyticsRepository {

    /** Live waitlist counters of the tiers in {@code tiers} (a subquery yielding tier ids). */
    private static final String WAITLIST = """
            select count(*) filter (where w.status = 'waiting') as waitlist_entries,
                   coalesce(sum(w.quantity) filter (where w.status = 'waiting'), 0) as waitlist_seats,
                   count(*) filter (where w.status = 'offered') as offers_open
            from analytics_waitlist w where w.tier_id in (%s)""";

    /** Every event of a promoter with its figures; the event's holds are its orders. */
    private static final String PROMOTER_EVENTS =
            """
            with ev as (
                select event_id, title, status, starts_at, currency from analytics_events
                where promoter_id = :promoterId and deleted_at is null
            )
            select ev.*,
                   coalesce(t.capacity, 0) as capacity, coalesce(t.sold, 0) as sold, coalesce(t.held, 0) as held,
                   coalesce(t.waiting, 0) as waiting, coalesce(t.available, 0) as available,
                   coalesce(s.tickets_sold, 0) as tickets_sold, coalesce(s.tickets_refunded, 0) as tickets_refunded,
                   coalesce(s.checked_in, 0) as checked_in, coalesce(s.gross_minor, 0) as gross_minor,
                   coalesce(s.refunded_minor, 0) as refunded_minor,
                   w.waitlist_entries, w.waitlist_seats, w.offers_open,
                   coalesce(o.holds_placed, 0) as holds_placed, coalesce(o.holds_paid, 0) as holds_paid,
                   coalesce(o.holds_pending, 0) as holds_pending, coalesce(o.holds_cancelled, 0) as holds_cancelled,
                   coalesce(o.holds_expired, 0) as holds_expired
            from ev
            left join lateral (
                select sum(capacity) as capacity, sum(sold) as sold, sum(held) as held, sum(waiting) as waiting,
                       sum(greatest(capacity - sold - held - waiting, 0)) as available
                from analytics_tiers where event_id = ev.event_id and deleted_at is null
            ) t on true
            left join lateral (
                select sum(tickets_sold) as tickets_sold, sum(tickets_refunded) as tickets_refunded,
                       sum(checked_in) as checked_in, sum(gross_minor) as gross_minor,
                       sum(refunded_minor) as refunded_minor
                from analytics_tier_sales where event_id = ev.event_id
            ) s on true
            left join lateral (%s) w on true
            left join analytics_event_orders o on o.event_id = ev.event_id
            """.formatted(WAITLIST.formatted("select tier_id from analytics_tiers where event_id = ev.event_id"));

    private final JdbcClient jdbc;

    AnalyticsRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A tier's figures; its holds are its order lines. */
    public record TierRow(UUID tierId, String name, long priceMinor, String status, boolean deleted, Figures figures) {}

    /** An event's figures (holds are its orders). */
    public record EventRow(
            UUID eventId, String title, String status, Instant startsAt, String currency, Figures figures) {}

    /** A currency's totals over a promoter's events. */
    public record CurrencyRow(String currency, long events, Figures figures) {}

    /** Tickets sold and their money: before the first bucket ({@code index} 0) and per bucket (1..n). */
    public record BucketRow(int index, long ticketsSold, long grossMinor) {}

    /**
     * The event's tiers with their figures, in the event's order: live ones, and deleted ones that had
     * orders (their history still counts).
     */
    public List<TierRow> tiers(UUID eventId) {
        return jdbc.sql("""
                        select t.tier_id, t.name, t.price_minor, t.status, t.deleted_at is not null as deleted,
                               t.capacity, t.sold, t.held, t.waiting,
                               greatest(t.capacity - t.sold - t.held - t.waiting, 0) as available,
                               coalesce(s.tickets_sold, 0) as tickets_sold,
                               coalesce(s.tickets_refunded, 0) as tickets_refunded,
                               coalesce(s.checked_in, 0) as checked_in, coalesce(s.gross_minor, 0) as gross_minor,
                               coalesce(s.refunded_minor, 0) as refunded_minor,
                               w.waitlist_entries, w.waitlist_seats, w.offers_open,
                               coalesce(s.holds_placed, 0) as holds_placed, coalesce(s.holds_paid, 0) as holds_paid,
                               coalesce(s.holds_pending, 0) as holds_pending,
                               coalesce(s.holds_cancelled, 0) as holds_cancelled,
                               coalesce(s.holds_expired, 0) as holds_expired
                        from analytics_tiers t
                        left join analytics_tier_sales s on s.tier_id = t.tier_id
                        left join lateral (%s) w on true
                        where t.event_id = :eventId and (t.deleted_at is null or s.tier_id is not null)
                        order by t.sort_order, t.created_at, t.tier_id
                        """.formatted(WAITLIST.formatted("t.tier_id")))
                .param("eventId", eventId)
                .query((rs, row) -> new TierRow(
                        rs.getObject("tier_id", UUID.class),
                        rs.getString("name"),
                        rs.getLong("price_minor"),
                        rs.getString("status"),
                        rs.getBoolean("deleted"),
                        figures(rs)))
                .list();
    }

    /** The event's holds: its orders and what became of them. */
    public Conversion eventHolds(UUID eventId) {
        return jdbc.sql("select * from analytics_event_orders where event_id = :eventId")
                .param("eventId", eventId)
                .query((rs, row) -> conversion(rs))
                .optional()
                .orElse(Conversion.NONE);
    }

    /** The first and last 15-minute bucket with sales of the event (or one tier), if any. */
    public Optional<Instant[]> salesSpan(UUID eventId, UUID tierId) {
        String where = tierId == null ? "event_id = :eventId" : "event_id = :eventId and tier_id = :tierId";
        var spec = jdbc.sql("select min(bucket) as first, max(bucket) as last from analytics_sales_quarter_hours where "
                        + where)
                .param("eventId", eventId);
        if (tierId != null) {
            spec = spec.param("tierId", tierId);
        }
        return spec.query((rs, row) -> rs.getTimestamp("first") == null
                        ? null
                        : new Instant[] {
                            rs.getTimestamp("first").toInstant(),
                            rs.getTimestamp("last").toInstant()
                        })
                .optional();
    }

    /**
     * Tickets sold per bucket: row 0 sums everything before {@code starts[0]}, row i the bucket starting
     * at {@code starts[i-1]}; buckets without sales have no row.
     */
    public List<BucketRow> buckets(UUID eventId, UUID tierId, List<Instant> starts, Instant end) {
        String bounds = starts.stream().map(Instant::toString).collect(Collectors.joining(",", "{", "}"));
        String tier = tierId == null ? "" : "and q.tier_id = :tierId";
        // The bounds are cast once (a materialized CTE): cast in the select list, a parameter's cast is
        // evaluated for every row, which made a 1,000-bucket series 700 times slower.
        var spec = jdbc.sql("""
                        with b as materialized (select cast(:bounds as timestamptz[]) as bounds)
                        select case when q.bucket < :from then 0 else width_bucket(q.bucket, b.bounds) end as i,
                               sum(q.tickets_sold) as tickets_sold, sum(q.gross_minor) as gross_minor
                        from analytics_sales_quarter_hours q, b
                        where q.event_id = :eventId %s and q.bucket < :end
                        group by 1 order by 1
                        """.formatted(tier))
                .param("eventId", eventId)
                .param("from", Timestamp.from(starts.get(0)))
                .param("end", Timestamp.from(end))
                .param("bounds", bounds);
        if (tierId != null) {
            spec = spec.param("tierId", tierId);
        }
        return spec.query((rs, row) ->
                        new BucketRow(rs.getInt("i"), rs.getLong("tickets_sold"), rs.getLong("gross_minor")))
                .list();
    }

    /** A page of the promoter's events (latest start first) with their figures. */
    public List<EventRow> promoterEvents(UUID promoterId, int limit, int offset) {
        return jdbc.sql(PROMOTER_EVENTS + " order by ev.starts_at desc, ev.event_id limit :limit offset :offset")
                .param("promoterId", promoterId)
                .param("limit", limit)
                .param("offset", offset)
                .query((rs, row) -> new EventRow(
                        rs.getObject("event_id", UUID.class),
                        rs.getString("title"),
                        rs.getString("status"),
                        rs.getTimestamp("starts_at").toInstant(),
                        rs.getString("currency"),
                        figures(rs)))
                .list();
    }

    /** Totals per currency over all the promoter's events. */
    public List<CurrencyRow> promoterTotals(UUID promoterId) {
        return jdbc.sql("""
                        select currency, count(*) as events,
                               sum(capacity) as capacity, sum(sold) as sold, sum(held) as held,
                               sum(waiting) as waiting, sum(available) as available,
                               sum(tickets_sold) as tickets_sold, sum(tickets_refunded) as tickets_refunded,
                               sum(checked_in) as checked_in, sum(gross_minor) as gross_minor,
                               sum(refunded_minor) as refunded_minor, sum(waitlist_entries) as waitlist_entries,
                               sum(waitlist_seats) as waitlist_seats, sum(offers_open) as offers_open,
                               sum(holds_placed) as holds_placed, sum(holds_paid) as holds_paid,
                               sum(holds_pending) as holds_pending, sum(holds_cancelled) as holds_cancelled,
                               sum(holds_expired) as holds_expired
                        from (%s) e
                        group by currency order by currency
                        """.formatted(PROMOTER_EVENTS))
                .param("promoterId", promoterId)
                .query((rs, row) -> new CurrencyRow(rs.getString("currency"), rs.getLong("events"), figures(rs)))
                .list();
    }

    public long countPromoterEvents(UUID promoterId) {
        return jdbc.sql("select count(*) from analytics_events where promoter_id = :promoterId and deleted_at is null")
                .param("promoterId", promoterId)
                .query(Long.class)
                .single();
    }

    /** When the materialized views were last refreshed (the snapshot they show); empty before the first refresh. */
    public Optional<Instant> refreshedAt() {
        return jdbc.sql("select refreshed_at from analytics_refreshes where name = 'sales'")
                .query((rs, row) ->
                        Optional.ofNullable(rs.getTimestamp("refreshed_at")).map(Timestamp::toInstant))
                .optional()
                .flatMap(o -> o);
    }

    private static Figures figures(ResultSet rs) throws SQLException {
        return new Figures(
                rs.getLong("capacity"),
                rs.getLong("sold"),
                rs.getLong("held"),
                rs.getLong("waiting"),
                rs.getLong("available"),
                rs.getLong("tickets_sold"),
                rs.getLong("tickets_refunded"),
                rs.getLong("checked_in"),
                rs.getLong("gross_minor"),
                rs.getLong("refunded_minor"),
                rs.getLong("waitlist_entries"),
                rs.getLong("waitlist_seats"),
                rs.getLong("offers_open"),
                conversion(rs));
    }

    private static Conversion conversion(ResultSet rs) throws SQLException {
        return new Conversion(
                rs.getLong("holds_placed"),
                rs.getLong("holds_paid"),
                rs.getLong("holds_pending"),
                rs.getLong("holds_cancelled"),
                rs.getLong("holds_expired"));
    }
}
