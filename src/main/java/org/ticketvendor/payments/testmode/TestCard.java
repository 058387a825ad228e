package org.ticketvendor.payments.testmode;

import java.util.Arrays;
import java.util.Optional;

/** The payment methods the test-mode provider understands, modelled on Stripe's test cards. */
public enum TestCard {
    /** Pays at once. */
    SUCCEEDS("pm_test_succeeds"),
    /** Is declined with {@code card_declined}; the intent stays open for another attempt. */
    DECLINES("pm_test_declines"),
    /** Is processing for the configured delay, then succeeds when the payment is next checked. */
    DELAYED("pm_test_delayed");

    /** Accepted values, as a regular expression for request validation. */
    public static final String PATTERN = "pm_test_succeeds|pm_test_declines|pm_test_delayed";

    private final String id;

    TestCard(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optional<TestCard> of(String id) {
        return Arrays.stream(values()).filter(c -> c.id.equals(id)).findFirst();
    }
}
