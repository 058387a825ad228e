package org.ticketvendor.inventory;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Tiers known to be sold out, kept in memory so that the flood of requests after a sell-out is
 * answered without a database query. Filled by committed stock changes and by holds that found no
 * seats; cleared by committed changes that bring seats back. An entry lives at most {@code
 * soldOutTtl}, so seats freed on another instance are seen again within that time.
 */
@Component
class SoldOutTiers {

    private final Map<UUID, Long> soldOutUntil = new ConcurrentHashMap<>();
    private final long ttlNanos;

    SoldOutTiers(InventorySettings settings) {
        this.ttlNanos = settings.soldOutTtl().toNanos();
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

    void markSoldOut(UUID tierId) {
        if (ttlNanos > 0) {
            soldOutUntil.put(tierId, System.nanoTime() + ttlNanos);
        }
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(StockLevelChanged changed) {
        if (changed.soldOut()) {
            markSoldOut(changed.tierId());
        } else {
            soldOutUntil.remove(changed.tierId());
        }
    }
}
