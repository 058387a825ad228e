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

    /** Not enough seats left for the hold; says what is still available, per tier. */
    public static final class SoldOutException extends ApiException {
        public SoldOutException(java.util.UUID tierId, java.util.Map<java.util.UUID, Availability> availability) {
            super(
                    HttpStatus.CONFLICT,
                    "sold_out",
                    "Not enough tickets left",
                    "Not enough tickets are left in tier " + tierId + " for this request.");
            with("tier_id", tierId.toString());
            with(
                    "available",
                    availability.entrySet().stream()
                            .map(e -> java.util.Map.of(
                                    "tier_id",
                                    e.getKey().toString(),
                                    "available",
                                    e.getValue().available()))
                            .toList());
        }
    }

    /** The reference has no hold, or it is no longer active (expired, released or already sold). */
    public static final class HoldNotActiveException extends ApiException {
        public HoldNotActiveException(String status) {
            super(
                    HttpStatus.CONFLICT,
                    "hold_not_active",
                    "Hold no longer active",
                    status == null ? "There is no hold for this reference." : "The hold is " + status + ".");
        }
    }

    /** A second hold for a reference that already has one. */
    public static final class HoldExistsException extends ApiException {
        public HoldExistsException() {
            super(HttpStatus.CONFLICT, "hold_exists", "Hold exists", "This reference already has a hold.");
        }
    }
}
