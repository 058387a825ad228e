package org.ticketvendor.analytics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;
import org.ticketvendor.analytics.persistence.RefreshRepository;
import org.ticketvendor.analytics.persistence.RefreshRepository.LastRefresh;
import org.ticketvendor.orders.OrderChanged;
import org.ticketvendor.tickets.CheckIn.TicketCheckedIn;

/**
 * Refreshes the read model's materialized views (ADR 6). Runs on every instance; the refresh record's
 * row lock, taken with SKIP LOCKED, lets one refresh at a time, and a refresh newer than half the
 * interval is not repeated, so N instances do not refresh N times. All views are refreshed in one
 * REPEATABLE READ transaction: they show the same snapshot, and their readers are never blocked.
 *
 * <p>An instance refreshes only when something the views count changed on it since its last refresh
 * (an order moved, a ticket was checked in; noted in memory after the change commits, nothing is
 * written on the purchase path), or when the views are older than {@link #MAX_AGE_INTERVALS}
 * intervals (changes made elsewhere: another instance that stopped before refreshing, SQL by hand).
 * An idle system costs no refreshes.
 */
@Component
public class AnalyticsRefresh {

    /** Views older than this many intervals are refreshed even if this instance saw no change. */
    static final int MAX_AGE_INTERVALS = 10;

    private static final Logger log = LoggerFactory.getLogger(AnalyticsRefresh.class);

    private final RefreshRepository views;
    private final AnalyticsSettings settings;
    private final TransactionTemplate transactions;
    private final Clock clock;
    /** Whether something the views count changed on this instance since its last refresh began. */
    private final AtomicBoolean changed = new AtomicBoolean(true);

    AnalyticsRefresh(
            RefreshRepository views, AnalyticsSettings settings, PlatformTransactionManager txManager, Clock clock) {
        this.views = views;
        this.settings = settings;
        this.transactions = new TransactionTemplate(txManager);
        this.transactions.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.clock = clock;
    }

    /** Orders (placed, paid, cancelled, expired, refunded) and their tickets, once committed. */
    @TransactionalEventListener(fallbackExecution = true)
    void on(OrderChanged event) {
        changed.set(true);
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(TicketCheckedIn event) {
        changed.set(true);
    }

    /**
     * The job: refreshes when something changed here (or the views are too old), unless another
     * instance is refreshing or did within half the interval.
     *
     * @return how long the refresh took; empty when there was nothing to do
     */
    @Scheduled(
            fixedDelayString = "${ticketvendor.analytics.refresh-interval:60s}",
            initialDelayString = "${ticketvendor.analytics.refresh-interval:60s}")
    public Optional<Duration> refreshIfDue() {
        Duration interval = settings.refreshInterval();
        return refresh(interval.dividedBy(2), interval.multipliedBy(MAX_AGE_INTERVALS));
    }

    /**
     * Refreshes now unless another instance is refreshing.
     *
     * @return how long the refresh took; empty when it was left to another instance
     */
    public Optional<Duration> refresh() {
        return refresh(Duration.ZERO, Duration.ZERO);
    }

    private Optional<Duration> refresh(Duration unlessNewerThan, Duration unchangedUpTo) {
        Instant asOf = clock.instant();
        // Cleared before the refresh's snapshot is taken: whatever commits from now on marks it again.
        boolean wasChanged = changed.getAndSet(false);
        Optional<Duration> result = Optional.empty();
        try {
            result = transactions.execute(status -> {
                Optional<LastRefresh> last = views.lock();
                if (last.isEmpty()) {
                    return Optional.<Duration>empty();
                }
                Instant previous = last.get().at();
                if (previous != null && previous.isAfter(asOf.minus(unlessNewerThan))) {
                    return Optional.<Duration>empty();
                }
                if (previous != null && !wasChanged && previous.isAfter(asOf.minus(unchangedUpTo))) {
                    return Optional.<Duration>empty();
                }
                long started = System.nanoTime();
                RefreshRepository.VIEWS.forEach(views::refresh);
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                views.record(asOf, took.toMillis());
                if (took.compareTo(settings.refreshInterval().dividedBy(4)) > 0) {
                    log.warn(
                            "Analytics views took {} ms to refresh, over a quarter of the {} interval (ADR 6)",
                            took.toMillis(),
                            settings.refreshInterval());
                } else {
                    log.debug("Analytics views refreshed in {} ms", took.toMillis());
                }
                return Optional.of(took);
            });
            return result;
        } catch (ConcurrencyFailureException raced) {
            // Another instance refreshed between our snapshot and our lock: nothing left to do.
            return Optional.empty();
        } finally {
            if (wasChanged && (result == null || result.isEmpty())) {
                changed.set(true); // not refreshed here: still to do
            }
        }
    }
}
