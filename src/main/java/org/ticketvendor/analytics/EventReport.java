package org.ticketvendor.analytics;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An event's analytics: totals, its tiers, and tickets sold over time.
 *
 * @param generatedAt when the report was made (the live figures' time)
 * @param salesAsOf the snapshot of tickets, money and holds (the last refresh); null before the first
 */
public record EventReport(
        UUID eventId,
        String title,
        String currency,
        Instant generatedAt,
        Instant salesAsOf,
        Figures totals,
        List<TierReport> tiers,
        SellThrough sellThrough) {

    /** One tier's figures; its holds are the order lines for it. */
    public record TierReport(
            UUID tierId, String name, long priceMinor, String status, boolean deleted, Figures figures) {}

    /**
     * Tickets sold per hour or local day, and the running total as a share of capacity.
     *
     * @param tierId the one tier counted, or null for the whole event
     * @param capacity the capacity the share is of (live)
     * @param truncated whether earlier buckets were left out to stay within the limit
     */
    public record SellThrough(
            String granularity,
            String timeZone,
            UUID tierId,
            Instant from,
            Instant to,
            boolean truncated,
            long capacity,
            List<Bucket> buckets) {}

    /**
     * @param cumulativeSold tickets sold from the first sale to the end of this bucket
     * @param sellThrough cumulativeSold per capacity (four decimals); null when capacity is 0
     */
    public record Bucket(Instant start, long ticketsSold, long grossMinor, long cumulativeSold, Double sellThrough) {}
}
