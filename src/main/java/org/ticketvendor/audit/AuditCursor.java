package org.ticketvendor.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;

/**
 * A position in the audit log, newest first: the last entry of a page. Opaque to clients (URL-safe
 * base64 of the entry's time in microseconds and its id), so its form may change.
 */
public record AuditCursor(Instant occurredAt, long id) {

    public static AuditCursor of(AuditEntry entry) {
        return new AuditCursor(entry.occurredAt(), entry.id());
    }

    public String encode() {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, occurredAt);
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((micros + ":" + id).getBytes(StandardCharsets.US_ASCII));
    }

    /** The cursor a string stands for, or empty when it is not one of ours. */
    public static Optional<AuditCursor> decode(String value) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.US_ASCII);
            int colon = text.indexOf(':');
            if (colon < 1) {
                return Optional.empty();
            }
            long micros = Long.parseLong(text.substring(0, colon));
            long id = Long.parseLong(text.substring(colon + 1));
            if (id < 1) {
                return Optional.empty();
            }
            return Optional.of(new AuditCursor(Instant.EPOCH.plus(micros, ChronoUnit.MICROS), id));
        } catch (IllegalArgumentException | ArithmeticException | java.time.DateTimeException e) {
            return Optional.empty();
        }
    }
}
