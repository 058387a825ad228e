package org.ticketvendor.inventory;

/**
 * A tier's stock at one moment: its capacity and how much of it is sold, held or waited for.
 *
 * @param capacity seats the tier offers
 * @param sold seats in paid orders
 * @param held seats reserved by open holds (orders, waitlist offers)
 * @param waiting seats wanted by people on the waitlist; free seats go to them before public sale
 */
public record Availability(int capacity, int sold, int held, int waiting) {

    /** Stock nobody waits for. */
    public Availability(int capacity, int sold, int held) {
        this(capacity, sold, held, 0);
    }

    /** Seats the public can still hold: what is free and not set aside for the waitlist. */
    public int available() {
        return Math.max(0, free() - waiting);
    }

    /** Seats neither sold nor held, whoever they go to. */
    public int free() {
        return capacity - sold - held;
    }

    /** Whether nothing is left to hold for the public. */
    public boolean soldOut() {
        return available() == 0;
    }
}
