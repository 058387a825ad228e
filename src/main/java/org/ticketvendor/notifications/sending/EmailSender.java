package org.ticketvendor.notifications.sending;

/**
 * Hands one mail to a transport: SMTP, SendGrid, or none (recording). Exactly one is active, chosen
 * by configuration. Called outside any database transaction.
 */
public interface EmailSender {

    /** {@code smtp}, {@code sendgrid} or {@code recording}; stored as the row's provider. */
    String name();

    /**
     * Sends the mail, or records that it would have been sent.
     *
     * @throws MailDeliveryException when it was not (known to be) delivered, saying whether trying
     *     again may help
     */
    Delivery send(OutgoingEmail email);
}
