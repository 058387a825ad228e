package org.ticketvendor.orders;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A buyer's order for one event, with a price snapshot of each line. */
public record Order(
        UUID id,
        String orderNumber,
        UUID userId,
        UUID eventId,
        OrderStatus status,
        long subtotalMinor,
        long feesMinor,
        long totalMinor,
        String currency,
        Instant expiresAt,
        Instant paidAt,
        Instant cancelledAt,
        Instant createdAt,
        List<Line> lines) {

    /** One line: seats of one tier at the price when ordered. */
    public record Line(UUID itemId, UUID tierId, String tierName, int quantity, long unitPriceMinor) {

        public long totalMinor() {
            return quantity * unitPriceMinor;
        }
    }

    /** The reference that ties this order to its hold and its payment. */
    public String reference() {
        return id.toString();
    }
}
