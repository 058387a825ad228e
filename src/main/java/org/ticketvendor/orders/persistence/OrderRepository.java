package org.ticketvendor.orders.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.ticketvendor.orders.Order;
import org.ticketvendor.orders.OrderStatus;

/** The {@code orders} and {@code order_items} tables. */
@Repository
public class OrderRepository {

    private static final Comparator<Order.Line> LINE_ORDER =
            Comparator.comparingLong(Order.Line::unitPriceMinor).reversed().thenComparing(Order.Line::tierName);

    private static final String COLUMNS = """
            id, order_number, user_id, event_id, status, subtotal_minor, fees_minor, total_minor, currency,
            expires_at, paid_at, cancelled_at, created_at""";

    private final JdbcClient jdbc;

    OrderRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts a pending order with its lines: price and name as they were when ordered. */
    public Order insert(
            UUID id,
            String number,
            UUID userId,
            UUID eventId,
            String currency,
            Instant expiresAt,
            List<Order.Line> lines) {
        long subtotal = lines.stream().mapToLong(Order.Line::totalMinor).sum();
        Instant[] stamps = jdbc.sql("""
                        insert into orders (id, order_number, user_id, event_id, status, subtotal_minor, fees_minor,
                            total_minor, currency, expires_at)
                        values (:id, :number, :userId, :eventId, 'pending_payment', :subtotal, 0, :subtotal, :currency,
                            :expiresAt)
                        returning created_at, expires_at
                        """)
                .param("id", id)
                .param("number", number)
                .param("userId", userId)
                .param("eventId", eventId)
                .param("subtotal", subtotal)
                .param("currency", currency)
                .param("expiresAt", Timestamp.from(expiresAt))
                .query((rs, row) -> new Instant[] {
                    rs.getTimestamp("created_at").toInstant(),
                    rs.getTimestamp("expires_at").toInstant()
                })
                .single();
        List<Order.Line> stored = new ArrayList<>();
        for (Order.Line line : lines) {
            UUID itemId = jdbc.sql("""
                            insert into order_items (order_id, tier_id, tier_name, quantity, unit_price_minor, currency)
                            values (:orderId, :tierId, :tierName, :quantity, :price, :currency)
                            returning id
                            """)
                    .param("orderId", id)
                    .param("tierName", line.tierName())
                    .param("tierId", line.tierId())
                    .param("quantity", line.quantity())
                    .param("price", line.unitPriceMinor())
                    .param("currency", currency)
                    .query(UUID.class)
                    .single();
            stored.add(new Order.Line(itemId, line.tierId(), line.tierName(), line.quantity(), line.unitPriceMinor()));
        }
        // As a read would return it (lines in the same order), without reading it back.
        stored.sort(LINE_ORDER);
        return new Order(
                id,
                number,
                userId,
                eventId,
                OrderStatus.PENDING_PAYMENT,
                subtotal,
                0,
                subtotal,
                currency,
                stamps[1],
                null,
                null,
                stamps[0],
                List.copyOf(stored));
    }

    public Optional<Order> find(UUID id) {
        return one("select %s from orders where id = :id".formatted(COLUMNS), Map.of("id", id));
    }

    /** The order, locked for a state change. */
    public Optional<Order> lock(UUID id) {
        return one("select %s from orders where id = :id for update".formatted(COLUMNS), Map.of("id", id));
    }

    /** The order, locked; empty if another transaction holds it (a job on another instance). */
    public Optional<Order> lockUnlessBusy(UUID id) {
        return one("select %s from orders where id = :id for update skip locked".formatted(COLUMNS), Map.of("id", id));
    }

    /** The buyer's orders, newest first. */
    public List<Order> findByUser(UUID userId, int limit, int offset) {
        List<Order> orders = jdbc.sql("""
                        select %s from orders where user_id = :userId
                        order by created_at desc, id limit :limit offset :offset
                        """.formatted(COLUMNS))
                .param("userId", userId)
                .param("limit", limit)
                .param("offset", offset)
                .query((rs, row) -> map(rs, List.of()))
                .list();
        Map<UUID, List<Order.Line>> lines = lines(orders.stream().map(Order::id).toList());
        return orders.stream()
                .map(o -> withLines(o, lines.getOrDefault(o.id(), List.of())))
                .toList();
    }

    public long countByUser(UUID userId) {
        return jdbc.sql("select count(*) from orders where user_id = :userId")
                .param("userId", userId)
                .query(Long.class)
                .single();
    }

    /** Tickets the buyer holds or owns for the event: pending and paid orders count. */
    public int ticketsOfBuyer(UUID userId, UUID eventId) {
        return jdbc.sql("""
                        select coalesce(sum(i.quantity), 0) from orders o join order_items i on i.order_id = o.id
                        where o.user_id = :userId and o.event_id = :eventId
                          and o.status in ('pending_payment', 'paid', 'partially_refunded')
                        """)
                .param("userId", userId)
                .param("eventId", eventId)
                .query(Integer.class)
                .single();
    }

    public void markCancelled(UUID id, String status, Instant at) {
        jdbc.sql("update orders set status = :status, cancelled_at = :at where id = :id")
                .param("status", status)
                .param("at", Timestamp.from(at))
                .param("id", id)
                .update();
    }

    /** Marks the order paid and returns it as it now is, with the lines it had (they never change). */
    public Order markPaid(Order order, Instant at) {
        return jdbc.sql("""
                        update orders set status = 'paid', paid_at = :at, cancelled_at = null where id = :id
                        returning %s
                        """.formatted(COLUMNS))
                .param("at", Timestamp.from(at))
                .param("id", order.id())
                .query((rs, row) -> map(rs, order.lines()))
                .single();
    }

    /**
     * Records a refund the module owes; a late-payment refund is recorded once per order.
     *
     * @param kind {@code requested} or {@code late_payment}
     */
    public void owe(UUID orderId, String kind, long amountMinor, String currency, String reason, List<UUID> ticketIds) {
        jdbc.sql("""
                        insert into order_refunds (order_id, kind, amount_minor, currency, reason, ticket_ids)
                        values (:orderId, :kind, :amount, :currency, :reason, :tickets) on conflict do nothing
                        """)
                .param("orderId", orderId)
                .param("kind", kind)
                .param("amount", amountMinor)
                .param("currency", currency)
                .param("reason", reason)
                .param("tickets", ticketIds.toArray(UUID[]::new))
                .update();
    }

    /** A refund the module owes. */
    public record RefundDue(UUID id, UUID orderId, String kind, long amountMinor, String reason, int attempts) {}

    /**
     * Owed refunds that are due, leased for two minutes: other instances (and other runs) leave them
     * alone meanwhile, and a crashed worker's refunds come back when the lease ends.
     */
    public List<RefundDue> claimRefundsDue(Instant now, int limit) {
        return jdbc.sql("""
                        update order_refunds set next_attempt_at = :lease
                        where id in (
                            select id from order_refunds where status = 'pending' and next_attempt_at <= :now
                            order by next_attempt_at limit :limit for update skip locked)
                        returning id, order_id, kind, amount_minor, reason, attempts
                        """)
                .param("now", Timestamp.from(now))
                .param("lease", Timestamp.from(now.plusSeconds(120)))
                .param("limit", limit)
                .query((rs, row) -> new RefundDue(
                        rs.getObject("id", UUID.class),
                        rs.getObject("order_id", UUID.class),
                        rs.getString("kind"),
                        rs.getLong("amount_minor"),
                        rs.getString("reason"),
                        rs.getInt("attempts")))
                .list();
    }

    /** Refunds of the order still to be paid out. */
    public long pendingRefunds(UUID orderId) {
        return jdbc.sql("select count(*) from order_refunds where order_id = :id and status = 'pending'")
                .param("id", orderId)
                .query(Long.class)
                .single();
    }

    public void refundDone(UUID refundId, Instant at) {
        jdbc.sql("update order_refunds set status = 'done', done_at = :at, attempts = attempts + 1 where id = :id")
                .param("at", Timestamp.from(at))
                .param("id", refundId)
                .update();
    }

    public void refundFailed(UUID refundId, String error, Instant retryAt) {
        jdbc.sql("""
                        update order_refunds set attempts = attempts + 1, last_error = :error, next_attempt_at = :retryAt
                        where id = :id
                        """)
                .param("error", error == null ? "unknown" : error.substring(0, Math.min(error.length(), 500)))
                .param("retryAt", Timestamp.from(retryAt))
                .param("id", refundId)
                .update();
    }

    public void markRefundStatus(UUID id, String status, Instant at) {
        jdbc.sql("update orders set status = :status, refunded_at = :at where id = :id")
                .param("status", status)
                .param("at", Timestamp.from(at))
                .param("id", id)
                .update();
    }

    private Optional<Order> one(String sql, Map<String, ?> params) {
        return jdbc.sql(sql)
                .params(params)
                .query((rs, row) -> map(rs, List.of()))
                .optional()
                .map(o -> withLines(o, lines(List.of(o.id())).getOrDefault(o.id(), List.of())));
    }

    private Map<UUID, List<Order.Line>> lines(List<UUID> orderIds) {
        Map<UUID, List<Order.Line>> lines = new LinkedHashMap<>();
        if (orderIds.isEmpty()) {
            return lines;
        }
        jdbc.sql("""
                        select id, order_id, tier_id, tier_name, quantity, unit_price_minor
                        from order_items where order_id = any(:ids) order by unit_price_minor desc, tier_name
                        """)
                .param("ids", orderIds.toArray(UUID[]::new))
                .query((rs, row) -> {
                    lines.computeIfAbsent(rs.getObject("order_id", UUID.class), k -> new ArrayList<>())
                            .add(new Order.Line(
                                    rs.getObject("id", UUID.class),
                                    rs.getObject("tier_id", UUID.class),
                                    rs.getString("tier_name"),
                                    rs.getInt("quantity"),
                                    rs.getLong("unit_price_minor")));
                    return null;
                })
                .list();
        return lines;
    }

    private static Order withLines(Order o, List<Order.Line> lines) {
        return new Order(
                o.id(),
                o.orderNumber(),
                o.userId(),
                o.eventId(),
                o.status(),
                o.subtotalMinor(),
                o.feesMinor(),
                o.totalMinor(),
                o.currency(),
                o.expiresAt(),
                o.paidAt(),
                o.cancelledAt(),
                o.createdAt(),
                lines);
    }

    private static Order map(ResultSet rs, List<Order.Line> lines) throws SQLException {
        return new Order(
                rs.getObject("id", UUID.class),
                rs.getString("order_number"),
                rs.getObject("user_id", UUID.class),
                rs.getObject("event_id", UUID.class),
                OrderStatus.of(rs.getString("status")),
                rs.getLong("subtotal_minor"),
                rs.getLong("fees_minor"),
                rs.getLong("total_minor"),
                rs.getString("currency"),
                instant(rs, "expires_at"),
                instant(rs, "paid_at"),
                instant(rs, "cancelled_at"),
                instant(rs, "created_at"),
                lines);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
