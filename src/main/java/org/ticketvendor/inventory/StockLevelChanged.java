package org.ticketvendor.inventory;

import java.util.UUID;

/**
 * A tier's stock changed in a way that may move it in or out of "sold out". Published in the
 * transaction of the change, so listeners that keep read models stay exactly in step.
 */
public record StockLevelChanged(UUID tierId, int available) {

    public boolean soldOut() {
        return available == 0;
    }
}
