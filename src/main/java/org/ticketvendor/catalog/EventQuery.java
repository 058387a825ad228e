package org.ticketvendor.catalog;

import java.time.Instant;

/**
 * A public search: every criterion optional.
 *
 * @param text words to search for (websearch syntax: quotes, {@code or}, {@code -word})
 * @param minPriceMinor events with a visible tier at this price or more
 * @param maxPriceMinor events with a visible tier at this price or less
 * @param hasAvailability only events with a visible tier that is not sold out
 * @param sort {@code relevance}, {@code starts_at}, {@code -starts_at}, {@code price}, {@code -price}
 */
public record EventQuery(
        String text,
        String city,
        String category,
        Instant startsFrom,
        Instant startsTo,
        Long minPriceMinor,
        Long maxPriceMinor,
        boolean hasAvailability,
        String sort,
        int page,
        int size) {}
