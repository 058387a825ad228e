package org.ticketvendor.catalog;

import java.time.Instant;
import java.util.UUID;
import org.ticketvendor.catalog.domain.EventStatus;

/** The catalog aggregate: an event of a promoter, with its lifecycle and version. */
public record Event(
        UUID id,
        UUID promoterId,
        String slug,
        EventDetails details,
        EventStatus status,
        Instant publishedAt,
        Instant suspendedAt,
        long version,
        Instant createdAt,
        Instant updatedAt) {

    /** Visible to the public: published and not suspended. */
    public boolean isPublic() {
        return status == EventStatus.PUBLISHED && suspendedAt == null;
    }
}
