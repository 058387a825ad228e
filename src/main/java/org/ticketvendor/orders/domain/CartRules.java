package org.ticketvendor.orders.domain;

import java.util.Map;

/**
 * Limits that protect a sale from hoarding: per tier (the promoter's min and max per order) and per
 * buyer and event (what one buyer may hold or own across all their orders).
 */
public final class CartRules {

    private CartRules() {}

    /** Why this quantity cannot be ordered from a tier, or null when it can. */
    public static String quantityProblem(int quantity, int minPerOrder, int maxPerOrder) {
        if (quantity < minPerOrder) {
            return "must be at least " + minPerOrder + " for this tier";
        }
        if (quantity > maxPerOrder) {
            return "must be at most " + maxPerOrder + " for this tier";
        }
        return null;
    }

    /** Whether a buyer who already has {@code owned} tickets for the event may add {@code requested}. */
    public static boolean withinBuyerLimit(int owned, Map<?, Integer> requested, int limit) {
        int total = owned;
        for (int quantity : requested.values()) {
            total += quantity;
        }
        return total <= limit;
    }
}
