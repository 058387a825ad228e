package org.ticketvendor.catalog;

import java.time.Instant;

/** What a promoter says about a tier. Prices are in minor units of the event's currency. */
public record TierDetails(
        String name,
        String description,
        long priceMinor,
        int capacity,
        Instant salesStartAt,
        Instant salesEndAt,
        int minPerOrder,
        int maxPerOrder,
        boolean hidden,
        int sortOrder) {}
