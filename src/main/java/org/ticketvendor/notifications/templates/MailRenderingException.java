package org.ticketvendor.notifications.templates;

/**
 * A stored mail that cannot be rendered: an unknown template, a template that fails with its model
 * (a field it needs is missing) or a QR code that cannot be drawn. Trying again cannot help.
 */
public class MailRenderingException extends RuntimeException {

    public MailRenderingException(String message, Throwable cause) {
        super(message, cause);
    }
}
