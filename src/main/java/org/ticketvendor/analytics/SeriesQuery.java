package org.ticketvendor.analytics;

import java.time.Instant;
import java.util.UUID;
import org.ticketvendor.analytics.domain.Granularity;

/**
 * Which sell-through series to report. Null {@code from}/{@code to} mean from the first sale / to the
 * last one (or now, before any sale), keeping the latest buckets when that is too many; given ones
 * must fit in the limit.
 *
 * @param tierId one tier, or null for the whole event
 */
public record SeriesQuery(Granularity granularity, Instant from, Instant to, UUID tierId) {

    public static SeriesQuery daily() {
        return new SeriesQuery(Granularity.DAY, null, null, null);
    }
}
