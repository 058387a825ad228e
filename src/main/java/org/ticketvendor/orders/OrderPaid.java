package org.ticketvendor.orders;

import java.util.List;
import java.util.UUID;

/**
 * An order was paid and its seats sold. Published in the transaction that records the payment, so
 * tickets are issued in that same transaction: a paid order never lacks its tickets.
 */
public record OrderPaid(UUID orderId, UUID buyerId, UUID eventId, List<PaidLine> lines) {

    /** Seats of one tier, on one order line. */
    public record PaidLine(UUID itemId, UUID tierId, int quantity) {}

    static OrderPaid of(Order order) {
        return new OrderPaid(
                order.id(),
                order.userId(),
                order.eventId(),
                order.lines().stream()
                        .map(l -> new PaidLine(l.itemId(), l.tierId(), l.quantity()))
                        .toList());
    }
}
