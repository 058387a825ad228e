package org.ticketvendor.notifications.sending;

import java.time.Duration;

/**
 * A mail the transport did not take. {@code permanent}: trying again cannot help (address rejected,
 * request refused as malformed). {@code outcomeUnknown}: the transport may have taken it anyway (a
 * timeout after the message was handed over); it is retried all the same, so such a mail can arrive
 * twice, which beats never. {@code retryAfter}: the transport asked for a pause (HTTP 429).
 */
public class MailDeliveryException extends RuntimeException {

    private final boolean permanent;
    private final boolean outcomeUnknown;
    private final transient Duration retryAfter;

    public MailDeliveryException(
            String message, boolean permanent, boolean outcomeUnknown, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.permanent = permanent;
        this.outcomeUnknown = outcomeUnknown;
        this.retryAfter = retryAfter;
    }

    public static MailDeliveryException retryable(String message, Throwable cause) {
        return new MailDeliveryException(message, false, false, null, cause);
    }

    public static MailDeliveryException permanent(String message, Throwable cause) {
        return new MailDeliveryException(message, true, false, null, cause);
    }

    public boolean permanent() {
        return permanent;
    }

    public boolean outcomeUnknown() {
        return outcomeUnknown;
    }

    /** The pause the transport asked for, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
