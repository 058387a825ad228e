package org.ticketvendor.orders;

import java.util.Locale;

/** Where an order is: waiting for payment, paid, or ended one way or another. */
public enum OrderStatus {
    PENDING_PAYMENT,
    PAID,
    CANCELLED,
    EXPIRED,
    REFUNDED,
    PARTIALLY_REFUNDED;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static OrderStatus of(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return value();
    }
}
