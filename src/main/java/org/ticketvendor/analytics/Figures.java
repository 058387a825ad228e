package org.ticketvendor.analytics;

/**
 * The numbers of one tier, one event or many events. Stock ({@code capacity}, {@code sold}, {@code
 * held}, {@code waiting}, {@code available}) and the waitlist are live; tickets, money and holds are
 * as of the last refresh of the read model. Money is in minor units of the event's currency: gross
 * is the price of every ticket sold (refunded ones included), refunds the price of the tickets
 * refunded, net the difference.
 *
 * @param waiting seats set aside for the waitlist (they come before public sale)
 * @param available seats the public can still hold
 * @param ticketsSold tickets ever sold (paid), refunded ones included
 * @param offersOpen waitlist offers made and not yet claimed (their seats are held)
 * @param holds holds placed and what became of them
 */
public record Figures(
        long capacity,
        long sold,
        long held,
        long waiting,
        long available,
        long ticketsSold,
        long ticketsRefunded,
        long checkedIn,
        long grossMinor,
        long refundsMinor,
        long waitlistEntries,
        long waitlistSeats,
        long offersOpen,
        Conversion holds) {

    public static final Figures NONE = new Figures(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, Conversion.NONE);

    public long netMinor() {
        return grossMinor - refundsMinor;
    }

    public Figures plus(Figures o) {
        return new Figures(
                capacity + o.capacity,
                sold + o.sold,
                held + o.held,
                waiting + o.waiting,
                available + o.available,
                ticketsSold + o.ticketsSold,
                ticketsRefunded + o.ticketsRefunded,
                checkedIn + o.checkedIn,
                grossMinor + o.grossMinor,
                refundsMinor + o.refundsMinor,
                waitlistEntries + o.waitlistEntries,
                waitlistSeats + o.waitlistSeats,
                offersOpen + o.offersOpen,
                holds.plus(o.holds));
    }

    /** The same figures with other holds: an event's holds are its orders, not the sum of its tiers' lines. */
    public Figures withHolds(Conversion newHolds) {
        return new Figures(
                capacity,
                sold,
                held,
                waiting,
                available,
                ticketsSold,
                ticketsRefunded,
                checkedIn,
                grossMinor,
                refundsMinor,
                waitlistEntries,
                waitlistSeats,
                offersOpen,
                newHolds);
    }
}
