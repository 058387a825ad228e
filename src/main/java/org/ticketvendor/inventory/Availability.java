package org.ticketvendor.inventory;

/**
 * A tier's stock at one moment: its capacity and how much of it is sold or held.
 *
 * @param capacity seats the tier offers
 * @param sold seats in paid orders
 * @param held seats reserved by open holds
 */
public record Availability(int capacity, int sold, int held) {

    /** Seats that can still be held: capacity minus sold minus held. */
    public int available() {
        return capacity - sold - held;
    }

    /** Whether nothing is left to hold. */
    public boolean soldOut() {
        return available() == 0;
    }
}
