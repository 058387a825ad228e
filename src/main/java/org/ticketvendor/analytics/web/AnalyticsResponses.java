package org.ticketvendor.analytics.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.ticketvendor.analytics.Conversion;
import org.ticketvendor.analytics.EventReport;
import org.ticketvendor.analytics.Figures;
import org.ticketvendor.analytics.PromoterReport;

/** The reports as JSON. Money in minor units of the currency given next to it. */
final class AnalyticsResponses {

    private AnalyticsResponses() {}

    /**
     * Stock ({@code capacity} .. {@code available}) and {@code waitlist} are live; the rest is as of
     * {@code sales_as_of}.
     */
    record FiguresResponse(
            long capacity,
            long sold,
            long held,
            long available,
            long ticketsSold,
            long ticketsRefunded,
            long checkedIn,
            long grossRevenueMinor,
            long refundsMinor,
            long netRevenueMinor,
            WaitlistResponse waitlist,
            ConversionResponse conversion) {

        static FiguresResponse of(Figures f) {
            return new FiguresResponse(
                    f.capacity(),
                    f.sold(),
                    f.held(),
                    f.available(),
                    f.ticketsSold(),
                    f.ticketsRefunded(),
                    f.checkedIn(),
                    f.grossMinor(),
                    f.refundsMinor(),
                    f.netMinor(),
                    new WaitlistResponse(f.waitlistEntries(), f.waitlistSeats(), f.offersOpen()),
                    ConversionResponse.of(f.holds()));
        }
    }

    /** People waiting (entries, the seats they want) and offers made but not yet claimed. */
    record WaitlistResponse(long entries, long seats, long offersOpen) {}

    /** Holds (orders; per tier, order lines) placed and what became of them; rate = paid / placed. */
    record ConversionResponse(
            long holdsPlaced, long holdsPaid, long holdsPending, long holdsCancelled, long holdsExpired, Double rate) {

        static ConversionResponse of(Conversion c) {
            return new ConversionResponse(c.placed(), c.paid(), c.pending(), c.cancelled(), c.expired(), c.rate());
        }
    }

    record TierResponse(
            UUID tierId, String name, long priceMinor, String status, boolean deleted, FiguresResponse figures) {}

    record BucketResponse(Instant start, long ticketsSold, long grossMinor, long cumulativeSold, Double sellThrough) {}

    record SellThroughResponse(
            String granularity,
            String timeZone,
            UUID tierId,
            Instant from,
            Instant to,
            boolean truncated,
            long capacity,
            List<BucketResponse> buckets) {}

    record EventAnalyticsResponse(
            UUID eventId,
            String title,
            String currency,
            Instant generatedAt,
            Instant salesAsOf,
            FiguresResponse totals,
            List<TierResponse> tiers,
            SellThroughResponse sellThrough) {

        static EventAnalyticsResponse of(EventReport r) {
            EventReport.SellThrough s = r.sellThrough();
            return new EventAnalyticsResponse(
                    r.eventId(),
                    r.title(),
                    r.currency(),
                    r.generatedAt(),
                    r.salesAsOf(),
                    FiguresResponse.of(r.totals()),
                    r.tiers().stream()
                            .map(t -> new TierResponse(
                                    t.tierId(),
                                    t.name(),
                                    t.priceMinor(),
                                    t.status(),
                                    t.deleted(),
                                    FiguresResponse.of(t.figures())))
                            .toList(),
                    new SellThroughResponse(
                            s.granularity(),
                            s.timeZone(),
                            s.tierId(),
                            s.from(),
                            s.to(),
                            s.truncated(),
                            s.capacity(),
                            s.buckets().stream()
                                    .map(b -> new BucketResponse(
                                            b.start(),
                                            b.ticketsSold(),
                                            b.grossMinor(),
                                            b.cumulativeSold(),
                                            b.sellThrough()))
                                    .toList()));
        }
    }

    record CurrencyTotalsResponse(String currency, long events, FiguresResponse figures) {}

    record EventSummaryResponse(
            UUID eventId, String title, String status, Instant startsAt, String currency, FiguresResponse figures) {}

    record EventPage(List<EventSummaryResponse> items, int page, int size, long totalItems, long totalPages) {}

    record PromoterAnalyticsResponse(
            UUID promoterId,
            Instant generatedAt,
            Instant salesAsOf,
            List<CurrencyTotalsResponse> totals,
            EventPage events) {

        static PromoterAnalyticsResponse of(PromoterReport r) {
            return new PromoterAnalyticsResponse(
                    r.promoterId(),
                    r.generatedAt(),
                    r.salesAsOf(),
                    r.totals().stream()
                            .map(t -> new CurrencyTotalsResponse(
                                    t.currency(), t.events(), FiguresResponse.of(t.figures())))
                            .toList(),
                    new EventPage(
                            r.events().stream()
                                    .map(e -> new EventSummaryResponse(
                                            e.eventId(),
                                            e.title(),
                                            e.status(),
                                            e.startsAt(),
                                            e.currency(),
                                            FiguresResponse.of(e.figures())))
                                    .toList(),
                            r.page(),
                            r.size(),
                            r.totalEvents(),
                            (r.totalEvents() + r.size() - 1) / r.size()));
        }
    }
}
