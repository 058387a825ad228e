package org.ticketvendor.notifications;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An outbox row as the admin view shows it; bodies and images are null in listings. The subject and
 * bodies of a mail that was sent are what went out; those of a mail not sent yet (or that could not
 * be) are rendered when asked for, from what was captured when it was enqueued, and are null when
 * that fails.
 */
public record EmailNotification(
        UUID id,
        String recipient,
        String template,
        String subject,
        NotificationStatus status,
        int attempts,
        Instant nextAttemptAt,
        String lastError,
        Instant sentAt,
        String provider,
        String providerMessageId,
        String dedupeKey,
        String reference,
        Instant createdAt,
        String bodyText,
        String bodyHtml,
        List<Image> images) {

    /** This row with the given subject, bodies and images. */
    public EmailNotification withContent(String subject, String bodyText, String bodyHtml, List<Image> images) {
        return new EmailNotification(
                id,
                recipient,
                template,
                subject,
                status,
                attempts,
                nextAttemptAt,
                lastError,
                sentAt,
                provider,
                providerMessageId,
                dedupeKey,
                reference,
                createdAt,
                bodyText,
                bodyHtml,
                images);
    }

    /** An inline image's description (not its bytes). */
    public record Image(String contentId, String contentType, int size) {}
}
