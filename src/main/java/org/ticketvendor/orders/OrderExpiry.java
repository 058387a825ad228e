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
        for (UUID id : due()) {
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
        if (expired > 0) {
            log.info("Expired {} unpaid orders", expired);
        }
    }

    /** Pending orders past their deadline, oldest first. */
    List<UUID> due() {
        return jdbc.sql("""
                        select id from orders where status = 'pending_payment' and expires_at <= :now
                        order by expires_at limit :limit
                        """)
                .param("now", Timestamp.from(clock.instant()))
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
