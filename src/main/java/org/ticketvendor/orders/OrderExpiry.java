package org.ticketvendor.orders;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.ticketvendor.inventory.HoldExpired;

/**
 * Ends orders whose time to pay ran out, so their seats return to sale without anyone's help, also
 * after a restart (deadlines are in the database). Runs on every instance: each order is expired in
 * its own transaction under its row lock taken with SKIP LOCKED, so instances never wait on or
 * repeat each other's work. If the inventory's safety net expires a hold first, the order follows
 * it in the same transaction.
 */
@Component
class OrderExpiry {

    private static final Logger log = LoggerFactory.getLogger(OrderExpiry.class);
    private static final int BATCH = 100;
    private static final int MAX_BATCHES_PER_RUN = 20;

    /** How long a payment the provider is still processing may outlive its order's deadline. */
    private static final java.time.Duration PROCESSING_GRACE = java.time.Duration.ofMinutes(10);

    private final Orders orders;
    private final OrderPayments payments;
    private final org.ticketvendor.orders.persistence.OrderRepository repository;
    private final JdbcClient jdbc;
    private final Clock clock;

    OrderExpiry(
            Orders orders,
            OrderPayments payments,
            org.ticketvendor.orders.persistence.OrderRepository repository,
            JdbcClient jdbc,
            Clock clock) {
        this.orders = orders;
        this.payments = payments;
        this.repository = repository;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${ticketvendor.orders.expiry-interval:5s}", initialDelayString = "5s")
    void expireDue() {
        int expired = 0;
        List<UUID> batch;
        int batches = 0;
        do {
            batch = due();
            expired += expire(batch);
        } while (batch.size() == BATCH && ++batches < MAX_BATCHES_PER_RUN);
        if (expired > 0) {
            log.info("Expired {} unpaid orders", expired);
        }
    }

    private int expire(List<UUID> batch) {
        int expired = 0;
        for (UUID id : batch) {
            try {
                // Ask the payment provider first (outside any transaction): a paid order must not expire.
                boolean ready = repository
                        .find(id)
                        .map(o -> payments.readyToExpire(o, PROCESSING_GRACE))
                        .orElse(false);
                if (ready && orders.expire(id).isPresent()) {
                    expired++;
                }
            } catch (RuntimeException e) {
                log.warn("Could not expire order {} now; will retry", id, e);
            }
        }
        return expired;
    }

    /**
     * Pending orders past their deadline, oldest first, leased to this instance for a minute: other
     * instances skip them meanwhile, and they return to the pool if this one dies.
     */
    List<UUID> due() {
        return jdbc.sql("""
                        update orders set expiry_claimed_until = :lease
                        where id in (
                            select id from orders
                            where status = 'pending_payment' and expires_at <= :now
                              and (expiry_claimed_until is null or expiry_claimed_until <= :now)
                            order by expires_at limit :limit for update skip locked)
                        returning id
                        """)
                .param("now", Timestamp.from(clock.instant()))
                .param("lease", Timestamp.from(clock.instant().plusSeconds(60)))
                .param("limit", BATCH)
                .query(UUID.class)
                .list();
    }

    @EventListener
    void on(HoldExpired expired) {
        UUID orderId;
        try {
            orderId = UUID.fromString(expired.reference());
        } catch (IllegalArgumentException notAnOrder) {
            log.debug("Hold {} belongs to no order", expired.reference());
            return;
        }
        orders.holdExpired(orderId);
    }
}
