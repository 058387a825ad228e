package org.ticketvendor.notifications.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.ticketvendor.notifications.MailTemplate;
import org.ticketvendor.notifications.NotificationStatus;
import org.ticketvendor.notifications.Notifications;
import org.ticketvendor.platform.ApiException;

@RestController
@RequestMapping(path = "/api/v1/admin/notifications", produces = "application/json")
@PreAuthorize("hasRole('admin')")
@Tag(name = "admin")
class AdminNotificationController {

    private final Notifications notifications;

    AdminNotificationController(Notifications notifications) {
        this.notifications = notifications;
    }

    /** A filter value that names nothing. */
    static final class InvalidNotificationFilterException extends ApiException {
        InvalidNotificationFilterException(String field, String allowed) {
            super(
                    HttpStatus.BAD_REQUEST,
                    "invalid_filter",
                    "Invalid filter",
                    "'" + field + "' must be one of: " + allowed + ".");
            with("errors", java.util.List.of(Map.of("field", field, "message", "must be one of: " + allowed)));
        }
    }

    /** No outbox row with that id. */
    static final class NotificationNotFoundException extends ApiException {
        NotificationNotFoundException() {
            super(HttpStatus.NOT_FOUND, "notification_not_found", "Notification not found", "No such notification.");
        }
    }

    @GetMapping
    @Operation(
            summary = "Mails in the outbox, newest first: sent, waiting, failed or recorded (no transport)",
            description = "A mail not sent yet shows the subject it would have now.")
    NotificationResponses.Page list(
            @Parameter(description = "exact e-mail address, any letter case")
                    @RequestParam(required = false)
                    @Size(max = 254)
                    String recipient,
            @Parameter(description = "pending, sending, sent, failed or recorded") @RequestParam(required = false)
                    String status,
            @Parameter(description = "e.g. order-confirmation") @RequestParam(required = false) String template,
            @RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        NotificationStatus statusFilter = status == null
                ? null
                : NotificationStatus.of(status)
                        .orElseThrow(() -> new InvalidNotificationFilterException(
                                "status",
                                Arrays.stream(NotificationStatus.values())
                                        .map(NotificationStatus::value)
                                        .collect(Collectors.joining(", "))));
        MailTemplate templateFilter = template == null
                ? null
                : MailTemplate.of(template)
                        .orElseThrow(() -> new InvalidNotificationFilterException(
                                "template",
                                Arrays.stream(MailTemplate.values())
                                        .map(MailTemplate::id)
                                        .collect(Collectors.joining(", "))));
        String recipientFilter = recipient == null || recipient.isBlank() ? null : recipient.strip();
        Notifications.NotificationPage found =
                notifications.search(recipientFilter, statusFilter, templateFilter, page, size);
        return NotificationResponses.Page.of(found, page, size);
    }

    @GetMapping("/{id}")
    @Operation(
            summary = "One mail with its text and HTML bodies and inline images' descriptions",
            description = "For a sent or recorded mail, the subject and bodies that went out; for one not"
                    + " sent yet, what it would say now, rendered from the values captured when it was"
                    + " enqueued (null bodies when it cannot be rendered; last_error says why once tried).")
    NotificationResponses.Detail get(@PathVariable UUID id) {
        return notifications
                .find(id)
                .map(NotificationResponses.Detail::of)
                .orElseThrow(NotificationNotFoundException::new);
    }
}
