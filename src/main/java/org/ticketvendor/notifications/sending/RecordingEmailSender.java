package org.ticketvendor.notifications.sending;

/**
 * The sender when no transport is configured: nothing leaves the machine; the outbox row is marked
 * {@code recorded} and can be read through the admin endpoint.
 */
public class RecordingEmailSender implements EmailSender {

    @Override
    public String name() {
        return "recording";
    }

    @Override
    public Delivery send(OutgoingEmail email) {
        return Delivery.recordedOnly();
    }
}
