package org.ticketvendor.analytics;

import java.util.Map;
import java.util.UUID;
import org.ticketvendor.platform.Auditable;

/**
 * Someone started exporting an event's orders or attendees (personal data: names and e-mails).
 * Audited before the first row is sent, so an export that fails half-way is on record too.
 */
public record ExportStarted(UUID eventId, String file) implements Auditable {

    @Override
    public String action() {
        return "event." + file + "_exported";
    }

    @Override
    public String entityType() {
        return "event";
    }

    @Override
    public String entityId() {
        return eventId.toString();
    }

    @Override
    public Map<String, Object> after() {
        return Map.of("file", file + ".csv", "format", "csv");
    }
}
