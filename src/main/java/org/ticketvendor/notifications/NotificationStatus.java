package org.ticketvendor.notifications;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Where an outbox row is: waiting (also between retries), being sent under a lease, sent, given up
 * on, or recorded without sending (no mail transport configured).
 */
public enum NotificationStatus {
    PENDING,
    SENDING,
    SENT,
    FAILED,
    RECORDED;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<NotificationStatus> of(String value) {
        return Arrays.stream(values()).filter(s -> s.value().equals(value)).findFirst();
    }

    @Override
    public String toString() {
        return value();
    }
}
