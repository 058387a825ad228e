package org.ticketvendor.analytics.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Consecutive buckets covering a time range, aligned to hours or local days in a time zone.
 *
 * @param starts each bucket's start, ascending
 * @param end the end of the last bucket (exclusive)
 * @param truncated whether the range held more buckets than allowed and only the latest were kept
 */
public record BucketRange(Granularity granularity, ZoneId zone, List<Instant> starts, Instant end, boolean truncated) {

    /**
     * The buckets from the one containing {@code from} to the one containing the instant just before
     * {@code to}; at most {@code limit}, the latest ones.
     */
    public static BucketRange of(Granularity granularity, ZoneId zone, Instant from, Instant to, int limit) {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("from must be before to");
        }
        // No bucket is longer than this, so a longer span holds more than `limit`: skip its beginning.
        Duration longest = granularity == Granularity.HOUR ? Duration.ofHours(1) : Duration.ofHours(25);
        Instant earliest = to.minus(longest.multipliedBy(limit + 1L));
        boolean truncated = from.isBefore(earliest);
        Deque<Instant> starts = new ArrayDeque<>();
        Instant start = granularity.floor(truncated ? earliest : from, zone);
        while (start.isBefore(to)) {
            starts.addLast(start);
            if (starts.size() > limit) {
                starts.removeFirst();
                truncated = true;
            }
            start = granularity.next(start, zone);
        }
        return new BucketRange(granularity, zone, List.copyOf(starts), start, truncated);
    }

    public Instant from() {
        return starts.get(0);
    }
}
