package org.ticketvendor.analytics;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A promoter's analytics across their events: totals per currency over all of them, and one page of
 * events (latest start first) with their figures.
 */
public record PromoterReport(
        UUID promoterId,
        Instant generatedAt,
        Instant salesAsOf,
        List<CurrencyTotals> totals,
        List<EventSummary> events,
        int page,
        int size,
        long totalEvents) {

    public record CurrencyTotals(String currency, long events, Figures figures) {}

    public record EventSummary(
            UUID eventId, String title, String status, Instant startsAt, String currency, Figures figures) {}
}
