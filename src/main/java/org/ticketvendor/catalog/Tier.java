package org.ticketvendor.catalog;

import java.time.Instant;
import java.util.UUID;
import org.ticketvendor.catalog.domain.SalesWindow;

/** A price tier of an event. */
public record Tier(
        UUID id,
        UUID eventId,
        String currency,
        TierDetails details,
        long version,
        Instant createdAt,
        Instant updatedAt) {

    public SalesWindow salesWindow() {
        return new SalesWindow(details.salesStartAt(), details.salesEndAt());
    }
}
