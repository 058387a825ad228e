package org.ticketvendor.notifications;

import java.util.Arrays;
import java.util.Optional;

/**
 * The mails there are. Each has three Thymeleaf templates under {@code templates/mail/}: {@code
 * <id>.subject.txt} and {@code <id>.txt} (text mode) and {@code <id>.html} (HTML mode, escaped by the
 * engine).
 */
public enum MailTemplate {
    ORDER_CONFIRMATION("order-confirmation"),
    PAYMENT_FAILED("payment-failed"),
    HOLD_EXPIRED("hold-expired"),
    ORDER_CANCELLED("order-cancelled"),
    ORDER_REFUNDED("order-refunded"),
    EVENT_CANCELLED("event-cancelled"),
    WAITLIST_OFFER("waitlist-offer"),
    WAITLIST_OFFER_EXPIRING("waitlist-offer-expiring");

    private final String id;

    MailTemplate(String id) {
        this.id = id;
    }

    /** The name stored in {@code email_notifications.template} and used for the files. */
    public String id() {
        return id;
    }

    public static Optional<MailTemplate> of(String id) {
        return Arrays.stream(values()).filter(t -> t.id.equals(id)).findFirst();
    }

    @Override
    public String toString() {
        return id;
    }
}
