package org.ticketvendor.orders;

import java.util.Map;
import org.ticketvendor.platform.Auditable;

/**
 * An order was placed, cancelled, expired, paid or refunded. One record for all, named by {@code
 * action} ({@code order.placed}, {@code order.cancelled}, ...), because they carry the same facts.
 */
public record OrderChanged(String action, Order order, String from) implements Auditable {

    static OrderChanged placed(Order order) {
        return new OrderChanged("order.placed", order, null);
    }

    static OrderChanged moved(String what, Order order, String from) {
        return new OrderChanged("order." + what, order, from);
    }

    @Override
    public String entityType() {
        return "order";
    }

    @Override
    public String entityId() {
        return order.id().toString();
    }

    @Override
    public Map<String, Object> before() {
        return from == null ? null : Map.of("status", from);
    }

    @Override
    public Map<String, Object> after() {
        return Map.of(
                "status", order.status().value(),
                "order_number", order.orderNumber(),
                "total_minor", order.totalMinor(),
                "currency", order.currency(),
                "tickets", order.lines().stream().mapToInt(Order.Line::quantity).sum());
    }
}
