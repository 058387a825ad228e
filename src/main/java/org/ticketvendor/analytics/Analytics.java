package org.ticketvendor.analytics;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;
import org.ticketvendor.analytics.AnalyticsExceptions.InvalidRangeException;
import org.ticketvendor.analytics.AnalyticsExceptions.RangeTooLargeException;
import org.ticketvendor.analytics.AnalyticsExceptions.TierNotFoundException;
import org.ticketvendor.analytics.EventReport.Bucket;
import org.ticketvendor.analytics.EventReport.SellThrough;
import org.ticketvendor.analytics.EventReport.TierReport;
import org.ticketvendor.analytics.PromoterReport.CurrencyTotals;
import org.ticketvendor.analytics.PromoterReport.EventSummary;
import org.ticketvendor.analytics.domain.BucketRange;
import org.ticketvendor.analytics.domain.Granularity;
import org.ticketvendor.analytics.persistence.AnalyticsRepository;
import org.ticketvendor.analytics.persistence.AnalyticsRepository.BucketRow;
import org.ticketvendor.catalog.Catalog;
import org.ticketvendor.catalog.Event;

/**
 * Promoter reports. An event's report is for its promoter or an admin; an event the caller may not
 * edit is reported as missing (404), like everywhere else in the API. Each report is read in one
 * REPEATABLE READ transaction, so its figures belong together.
 */
@Service
public class Analytics {

    /** The years a sell-through range may touch. */
    static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

    static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");

    private static final Duration QUARTER_HOUR = Duration.ofMinutes(15);

    private static final ZoneId UTC = ZoneId.of("UTC");

    private final Catalog catalog;
    private final AnalyticsRepository repository;
    private final AnalyticsSettings settings;
    private final Clock clock;

    Analytics(Catalog catalog, AnalyticsRepository repository, AnalyticsSettings settings, Clock clock) {
        this.catalog = catalog;
        this.repository = repository;
        this.settings = settings;
        this.clock = clock;
    }

    /** The event's report, if the editor may see it (else 404). */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public EventReport eventReport(Catalog.Editor editor, UUID eventId, SeriesQuery query) {
        Event event = catalog.owned(editor, eventId);
        List<AnalyticsRepository.TierRow> rows = repository.tiers(eventId);
        Figures totals = rows.stream()
                .map(AnalyticsRepository.TierRow::figures)
                .reduce(Figures.NONE, Figures::plus)
                .withHolds(repository.eventHolds(eventId));
        long capacity = totals.capacity();
        if (query.tierId() != null) {
            capacity = rows.stream()
                    .filter(r -> r.tierId().equals(query.tierId()))
                    .findFirst()
                    .orElseThrow(TierNotFoundException::new)
                    .figures()
                    .capacity();
        }
        List<TierReport> tiers = rows.stream()
                .map(r -> new TierReport(r.tierId(), r.name(), r.priceMinor(), r.status(), r.deleted(), r.figures()))
                .toList();
        return new EventReport(
                event.id(),
                event.details().title(),
                event.details().currency(),
                clock.instant(),
                repository.refreshedAt().orElse(null),
                totals,
                tiers,
                sellThrough(eventId, zone(event.details().timezone()), query, capacity));
    }

    /** A promoter's events and totals; the caller has checked that they may see this promoter's. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public PromoterReport promoterReport(UUID promoterId, int page, int size) {
        List<CurrencyTotals> totals = repository.promoterTotals(promoterId).stream()
                .map(r -> new CurrencyTotals(r.currency(), r.events(), r.figures()))
                .toList();
        List<EventSummary> events = repository.promoterEvents(promoterId, size, page * size).stream()
                .map(r -> new EventSummary(r.eventId(), r.title(), r.status(), r.startsAt(), r.currency(), r.figures()))
                .toList();
        return new PromoterReport(
                promoterId,
                clock.instant(),
                repository.refreshedAt().orElse(null),
                totals,
                events,
                page,
                size,
                totals.stream().mapToLong(CurrencyTotals::events).sum());
    }

    private SellThrough sellThrough(UUID eventId, ZoneId zone, SeriesQuery query, long capacity) {
        Granularity granularity = query.granularity() == null ? Granularity.DAY : query.granularity();
        // Bounds first: arithmetic on an instant near Instant.MIN/MAX overflows (a fuzzed ?to= was a 500).
        for (Instant bound : new Instant[] {query.from(), query.to()}) {
            if (bound != null && (bound.isBefore(EARLIEST) || bound.isAfter(LATEST))) {
                throw new InvalidRangeException("from and to must lie between " + EARLIEST + " and " + LATEST + ".");
            }
        }
        Optional<Instant[]> span = repository.salesSpan(eventId, query.tierId());
        Instant to = query.to() != null
                ? query.to()
                : span.map(s -> s[1].plus(QUARTER_HOUR)).orElseGet(clock::instant);
        Instant from = query.from() != null
                ? query.from()
                : span.map(s -> s[0]).filter(first -> first.isBefore(to)).orElse(to.minusSeconds(1));
        for (Instant bound : new Instant[] {from, to}) {
            if (bound.isBefore(EARLIEST) || bound.isAfter(LATEST)) {
                throw new InvalidRangeException("from and to must lie between " + EARLIEST + " and " + LATEST + ".");
            }
        }
        if (!from.isBefore(to)) {
            throw new InvalidRangeException("from must be before to.");
        }
        BucketRange range = BucketRange.of(granularity, zone, from, to, settings.maxBuckets());
        if (range.truncated() && query.from() != null) {
            throw new RangeTooLargeException(settings.maxBuckets());
        }
        long[] sold = new long[range.starts().size() + 1];
        long[] gross = new long[range.starts().size() + 1];
        for (BucketRow row : repository.buckets(eventId, query.tierId(), range.starts(), range.end())) {
            sold[row.index()] = row.ticketsSold();
            gross[row.index()] = row.grossMinor();
        }
        List<Bucket> buckets = new ArrayList<>(range.starts().size());
        long cumulative = sold[0];
        for (int i = 0; i < range.starts().size(); i++) {
            cumulative += sold[i + 1];
            buckets.add(new Bucket(
                    range.starts().get(i), sold[i + 1], gross[i + 1], cumulative, share(cumulative, capacity)));
        }
        return new SellThrough(
                granularity.value(),
                zone.getId(),
                query.tierId(),
                range.from(),
                range.end(),
                range.truncated(),
                capacity,
                buckets);
    }

    private static Double share(long part, long whole) {
        return whole == 0 ? null : Math.round(10_000.0 * part / whole) / 10_000.0;
    }

    /** The event's time zone; UTC if it is not one Java knows (the catalog only accepts known ones). */
    static ZoneId zone(String timezone) {
        try {
            return timezone == null ? UTC : ZoneId.of(timezone);
        } catch (DateTimeException e) {
            return UTC;
        }
    }
}
