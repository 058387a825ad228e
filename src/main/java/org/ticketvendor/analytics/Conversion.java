package org.ticketvendor.analytics;

/**
 * What became of holds (orders, or one tier's lines in orders): paid, still waiting for payment,
 * cancelled by the buyer, or expired unpaid (including payments that came too late and were refunded).
 */
public record Conversion(long placed, long paid, long pending, long cancelled, long expired) {

    public static final Conversion NONE = new Conversion(0, 0, 0, 0, 0);

    /** Paid holds per placed hold, 0 to 1 (four decimals); null when none were placed. */
    public Double rate() {
        return placed == 0 ? null : Math.round(10_000.0 * paid / placed) / 10_000.0;
    }

    public Conversion plus(Conversion other) {
        return new Conversion(
                placed + other.placed,
                paid + other.paid,
                pending + other.pending,
                cancelled + other.cancelled,
                expired + other.expired);
    }
}
