package org.ticketvendor.inventory;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.ticketvendor.platform.Broadcasts;

/**
 * Tiers known to be sold out, kept in memory so that the flood of requests after a sell-out is
 * answered without a database query. Filled by committed stock changes and by holds that found no
 * seats; cleared by committed changes that bring seats back. An entry lives at most {@code
 * soldOutTtl}.
 *
 * <p>Instances tell each other through {@link Broadcasts} (Redis, when configured): a tier one instance
 * sees sold out is refused by all, and seats that come back on one (a cancel, an expiry, a capacity
 * increase) clear the tier on all at once. Without Redis, or while it is down, each instance learns on
 * its own: seats freed on another instance are seen again after at most {@code soldOutTtl}.
 *
 * <p>This can never oversell: it only refuses early. A stale "sold out" lasts at most the TTL; a tier
 * not (or no longer) marked simply goes to the database, which decides.
 */
@Component
class SoldOutTiers {

    private static final Logger log = LoggerFactory.getLogger(SoldOutTiers.class);
    static final String TOPIC = "inventory.sold-out";
    private static final String SOLD_OUT = "sold-out ";
    private static final String AVAILABLE = "available ";

    private final Map<UUID, Long> soldOutUntil = new ConcurrentHashMap<>();
    private final long ttlNanos;
    private final Broadcasts broadcasts;

    SoldOutTiers(InventorySettings settings, Broadcasts broadcasts) {
        this.ttlNanos = settings.soldOutTtl().toNanos();
        this.broadcasts = broadcasts;
        if (ttlNanos > 0) {
            broadcasts.subscribe(TOPIC, this::heard);
        }
    }

    boolean isSoldOut(UUID tierId) {
        Long until = soldOutUntil.get(tierId);
        if (until == null) {
            return false;
        }
        if (System.nanoTime() - until > 0) {
            soldOutUntil.remove(tierId, until);
            return false;
        }
        return true;
    }

    /** Remembers the tier as sold out, here and on the other instances. */
    void markSoldOut(UUID tierId) {
        if (ttlNanos > 0) {
            remember(tierId);
            broadcasts.publish(TOPIC, SOLD_OUT + tierId);
        }
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(StockLevelChanged changed) {
        if (changed.soldOut()) {
            markSoldOut(changed.tierId());
        } else if (ttlNanos > 0) {
            // Told even when this instance had no entry: another one may have.
            soldOutUntil.remove(changed.tierId());
            broadcasts.publish(TOPIC, AVAILABLE + changed.tierId());
        }
    }

    /** What another instance saw; never passed on (each instance tells its own news). */
    private void heard(String message) {
        try {
            if (message.startsWith(SOLD_OUT)) {
                remember(UUID.fromString(message.substring(SOLD_OUT.length())));
            } else if (message.startsWith(AVAILABLE)) {
                soldOutUntil.remove(UUID.fromString(message.substring(AVAILABLE.length())));
            } else {
                log.debug("Ignoring the broadcast {}", message);
            }
        } catch (IllegalArgumentException ex) {
            log.debug("Ignoring the broadcast {}", message);
        }
    }

    private void remember(UUID tierId) {
        soldOutUntil.put(tierId, System.nanoTime() + ttlNanos);
    }
}
