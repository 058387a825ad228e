package org.ticketvendor.notifications.web;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.ticketvendor.notifications.EmailNotification;
import org.ticketvendor.notifications.Notifications;

/** The admin view's JSON. */
final class NotificationResponses {

    private NotificationResponses() {}

    record Summary(
            UUID id,
            String recipient,
            String template,
            String subject,
            String status,
            int attempts,
            Instant nextAttemptAt,
            String lastError,
            Instant sentAt,
            String provider,
            String providerMessageId,
            String reference,
            Instant createdAt) {

        static Summary of(EmailNotification n) {
            return new Summary(
                    n.id(),
                    n.recipient(),
                    n.template(),
                    n.subject(),
                    n.status().value(),
                    n.attempts(),
                    n.nextAttemptAt(),
                    n.lastError(),
                    n.sentAt(),
                    n.provider(),
                    n.providerMessageId(),
                    n.reference(),
                    n.createdAt());
        }
    }

    record Page(List<Summary> items, int page, int size, long totalItems, long totalPages) {

        static Page of(Notifications.NotificationPage found, int page, int size) {
            return new Page(
                    found.items().stream().map(Summary::of).toList(),
                    page,
                    size,
                    found.total(),
                    (found.total() + size - 1) / size);
        }
    }

    record Image(String contentId, String contentType, int sizeBytes) {}

    /** One mail: its summary's fields, then its bodies and inline images. */
    record Detail(
            @JsonUnwrapped Summary summary,
            String dedupeKey,
            String bodyText,
            String bodyHtml,
            List<Image> inlineImages) {

        static Detail of(EmailNotification n) {
            return new Detail(
                    Summary.of(n),
                    n.dedupeKey(),
                    n.bodyText(),
                    n.bodyHtml(),
                    n.images().stream()
                            .map(i -> new Image(i.contentId(), i.contentType(), i.size()))
                            .toList());
        }
    }
}
