package org.ticketvendor.payments;

import java.util.Arrays;
import java.util.Locale;

/**
 * Where a payment stands. {@link #SUCCEEDED} and {@link #CANCELLED} are final; a {@link #FAILED}
 * payment may still be retried by the buyer (with Stripe, a declined card leaves the intent open for
 * another attempt), so it can later move on.
 */
public enum PaymentStatus {
    PENDING,
    REQUIRES_ACTION,
    PROCESSING,
    SUCCEEDED,
    FAILED,
    CANCELLED;

    /** The value stored in {@code payment_transactions.status}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isFinal() {
        return this == SUCCEEDED || this == CANCELLED;
    }

    public static PaymentStatus of(String value) {
        return Arrays.stream(values())
                .filter(s -> s.value().equals(value))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown payment status: " + value));
    }
}
