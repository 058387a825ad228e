package org.ticketvendor.waitlist;

import java.time.Instant;
import java.util.UUID;

/**
 * A buyer's place on a tier's waitlist.
 *
 * @param status {@code waiting}, {@code offered}, {@code claimed}, {@code expired} or {@code cancelled}
 * @param place 1-based place among those still waiting for the tier; 0 when not waiting
 * @param offerExpiresAt until when an offer can be claimed; null unless offered
 * @param orderId the order that claimed the offer; null unless claimed
 */
public record WaitlistEntry(
        UUID id,
        UUID eventId,
        UUID tierId,
        UUID userId,
        int quantity,
        String status,
        long place,
        Instant offeredAt,
        Instant offerExpiresAt,
        UUID orderId,
        Instant createdAt) {

    /** The reference of the hold an offer keeps its seats under. */
    public String holdReference() {
        return holdReference(id);
    }

    static String holdReference(UUID entryId) {
        return "waitlist:" + entryId;
    }
}
