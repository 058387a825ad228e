package org.ticketvendor.catalog.domain;

import java.time.Instant;

/** When a tier sells: both ends optional (open), the end exclusive. */
public record SalesWindow(Instant start, Instant end) {

    public boolean isOpen(Instant now) {
        return (start == null || !now.isBefore(start)) && (end == null || now.isBefore(end));
    }

    public boolean isValid() {
        return start == null || end == null || end.isAfter(start);
    }
}
