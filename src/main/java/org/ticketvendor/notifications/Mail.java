package org.ticketvendor.notifications;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A mail to enqueue: rendered from {@code template} with {@code model} when enqueued.
 *
 * @param recipient the address it goes to
 * @param model the template's variables (maps, lists, strings and numbers; nested maps are read
 *     as {@code ${event.title}})
 * @param dedupeKey unique per notification: enqueueing the same key again does nothing, so a
 *     replayed event never mails twice (e.g. {@code order-confirmation:<order id>})
 * @param reference what the mail is about (an order or event id), for the admin view; may be null
 * @param images images the HTML shows by Content-ID, e.g. QR codes
 */
public record Mail(
        MailTemplate template,
        String recipient,
        Map<String, Object> model,
        String dedupeKey,
        String reference,
        List<InlineImage> images) {

    public Mail {
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(model, "model");
        if (recipient == null || recipient.isBlank() || !recipient.contains("@") || recipient.length() > 254) {
            throw new IllegalArgumentException("recipient must be an e-mail address");
        }
        if (dedupeKey == null || dedupeKey.isBlank() || dedupeKey.length() > 300) {
            throw new IllegalArgumentException("a dedupe key of 1-300 characters is required");
        }
        images = images == null ? List.of() : List.copyOf(images);
    }

    public Mail(
            MailTemplate template, String recipient, Map<String, Object> model, String dedupeKey, String reference) {
        this(template, recipient, model, dedupeKey, reference, List.of());
    }
}
