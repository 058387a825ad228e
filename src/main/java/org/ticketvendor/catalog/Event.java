package org.ticketvendor.catalog;

import java.time.Instant;
import java.util.UUID;
import org.ticketvendor.catalog.domain.EventStatus;

/**
 * The catalog aggregate: an event of a promoter, with its lifecycle and version. {@code suspendedAt}
 * is set while an admin suspends it, independent of {@code status}: a suspended event is neither
 * public nor on sale, whatever its status, until an admin reinstates it. {@code image} is the image
 * uploaded for it, or null.
 */
public record Event(
        UUID id,
        UUID promoterId,
        String slug,
        EventDetails details,
        EventStatus status,
        Instant publishedAt,
        Instant suspendedAt,
        String suspensionReason,
        long version,
        Instant createdAt,
        Instant updatedAt,
        EventImage image) {

    /** Visible to the public: published and not suspended. */
    public boolean isPublic() {
        return status == EventStatus.PUBLISHED && !isSuspended();
    }

    public boolean isSuspended() {
        return suspendedAt != null;
    }
}
