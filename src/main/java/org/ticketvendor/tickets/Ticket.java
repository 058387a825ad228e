package org.ticketvendor.tickets;

import java.time.Instant;
import java.util.UUID;

/** One admission. {@code status}: valid, checked_in, cancelled or refunded. */
public record Ticket(
        UUID id,
        String ticketNumber,
        UUID orderId,
        UUID eventId,
        UUID tierId,
        UUID holderId,
        String status,
        long codeSerial,
        Instant checkedInAt,
        Instant createdAt) {}
