package org.ticketvendor.catalog;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.ticketvendor.catalog.persistence.TierRepository;
import org.ticketvendor.inventory.StockLevelChanged;

/**
 * Keeps each tier's {@code sold_out} flag in step with the inventory, in the transaction that
 * changed the stock, for the public "has availability" filter.
 */
@Component
class StockListener {

    private final TierRepository tiers;

    StockListener(TierRepository tiers) {
        this.tiers = tiers;
    }

    @EventListener
    void on(StockLevelChanged changed) {
        tiers.markSoldOut(changed.tierId(), changed.soldOut());
    }
}
