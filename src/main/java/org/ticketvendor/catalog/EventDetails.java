package org.ticketvendor.catalog;

import java.time.Instant;
import java.util.Map;

/** What a promoter says about an event: everything but its identity, slug and lifecycle. */
public record EventDetails(
        String title,
        String description,
        String category,
        Venue venue,
        String timezone,
        Instant startsAt,
        Instant endsAt,
        String currency,
        String imageUrl,
        Map<String, Object> metadata) {}
