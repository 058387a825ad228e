package org.ticketvendor.notifications.sending;

/**
 * What became of a mail that was not refused.
 *
 * @param recorded true when it was only recorded (no transport configured), not sent
 * @param messageId the transport's id for it, when it gives one
 */
public record Delivery(boolean recorded, String messageId) {

    public static Delivery sent(String messageId) {
        return new Delivery(false, messageId);
    }

    public static Delivery recordedOnly() {
        return new Delivery(true, null);
    }
}
