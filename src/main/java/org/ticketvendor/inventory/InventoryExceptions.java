package org.ticketvendor.inventory;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.ticketvendor.platform.ApiException;

/** The errors the inventory module reports to clients. */
public final class InventoryExceptions {

    private InventoryExceptions() {}

    /** No stock is recorded for this tier. */
    public static final class StockNotFoundException extends ApiException {
        public StockNotFoundException() {
            super(HttpStatus.NOT_FOUND, "stock_not_found", "Stock not found", "No stock is recorded for this tier.");
        }
    }

    /** The new capacity is below the seats already sold or held. */
    public static final class CapacityBelowCommittedException extends ApiException {
        public CapacityBelowCommittedException(int committed) {
            super(
                    HttpStatus.CONFLICT,
                    "capacity_below_committed",
                    "Capacity below sold and held seats",
                    "The capacity cannot be lower than the " + committed + " seats already sold or held.");
            with("committed", committed);
        }
    }

    /** The tier still has sold or held seats, so its stock must stay. */
    public static final class StockInUseException extends ApiException {
        public StockInUseException() {
            super(
                    HttpStatus.CONFLICT,
                    "tier_has_sales",
                    "Tier has sales",
                    "A tier with sales or holds cannot be deleted.");
        }
    }

    /** A capacity outside 1..{@value Inventory#MAX_CAPACITY}. */
    public static final class InvalidCapacityException extends ApiException {
        public InvalidCapacityException() {
            super(HttpStatus.BAD_REQUEST, "validation_failed", "Validation failed", "The capacity is out of range.");
            with(
                    "errors",
                    List.of(Map.of(
                            "field",
                            "capacity",
                            "message",
                            "must be between " + Inventory.MIN_CAPACITY + " and " + Inventory.MAX_CAPACITY)));
        }
    }
}
