package org.ticketvendor.notifications;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An outbox row as the admin view shows it; bodies are null in listings. */
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

    /** An inline image's description (not its bytes). */
    public record Image(String contentId, String contentType, int size) {}
}
