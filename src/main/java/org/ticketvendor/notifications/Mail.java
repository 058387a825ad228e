package org.ticketvendor.notifications;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A mail to enqueue: its template and the values to fill it with, stored as they are when enqueued
 * and rendered when the mail is sent.
 *
 * @param recipient the address it goes to
 * @param model the template's variables as plain data (maps with string keys, lists, strings,
 *     numbers, booleans and nulls; nested maps are read as {@code ${event.title}}), stored as JSON:
 *     the values say what was true when the mail was enqueued, so put them in ready to show
 * @param dedupeKey unique per notification: enqueueing the same key again does nothing, so a
 *     replayed event never mails twice (e.g. {@code order-confirmation:<order id>})
 * @param reference what the mail is about (an order or event id), for the admin view; may be null
 * @param qrCodes QR codes the HTML shows by Content-ID (e.g. the tickets' codes), drawn when sent
 */
public record Mail(
        MailTemplate template,
        String recipient,
        Map<String, Object> model,
        String dedupeKey,
        String reference,
        List<InlineQrCode> qrCodes) {

    public Mail {
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(model, "model");
        if (recipient == null || recipient.isBlank() || !recipient.contains("@") || recipient.length() > 254) {
            throw new IllegalArgumentException("recipient must be an e-mail address");
        }
        if (dedupeKey == null || dedupeKey.isBlank() || dedupeKey.length() > 300) {
            throw new IllegalArgumentException("a dedupe key of 1-300 characters is required");
        }
        requirePlainData("model", model);
        qrCodes = qrCodes == null ? List.of() : List.copyOf(qrCodes);
    }

    public Mail(
            MailTemplate template, String recipient, Map<String, Object> model, String dedupeKey, String reference) {
        this(template, recipient, model, dedupeKey, reference, List.of());
    }

    /**
     * Refuses anything but plain data: an object (a record, an {@code Instant}) would be stored as
     * whatever JSON it happens to map to and come back as a map or a string, not as itself.
     */
    private static void requirePlainData(String path, Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, item) -> {
                if (!(key instanceof String name)) {
                    throw new IllegalArgumentException(path + " has a key that is not a string: " + key);
                }
                requirePlainData(path + "." + name, item);
            });
            return;
        }
        if (value instanceof Collection<?> list) {
            int index = 0;
            for (Object item : list) {
                requirePlainData(path + "[" + index++ + "]", item);
            }
            return;
        }
        throw new IllegalArgumentException(path + " must be plain data (map, list, string, number, boolean), not "
                + value.getClass().getName());
    }
}
