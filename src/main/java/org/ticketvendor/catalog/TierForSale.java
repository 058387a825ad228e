package org.ticketvendor.catalog;

import java.time.Instant;
import java.util.UUID;

/**
 * What the orders module needs to sell a tier: its price and limits, its sales window, and whether
 * its event is on sale (published, not suspended, not deleted).
 */
public record TierForSale(
        UUID tierId,
        UUID eventId,
        String eventTitle,
        boolean eventOnSale,
        boolean hidden,
        String name,
        long priceMinor,
        String currency,
        int minPerOrder,
        int maxPerOrder,
        Instant salesStartAt,
        Instant salesEndAt) {

    public boolean salesWindowOpen(Instant now) {
        return (salesStartAt == null || !now.isBefore(salesStartAt))
                && (salesEndAt == null || now.isBefore(salesEndAt));
    }
}
