package org.ticketvendor.catalog;

import java.util.Map;
import org.ticketvendor.platform.Auditable;

/**
 * Something in the catalog changed: an event or tier was created, updated, deleted, or an event
 * moved through its lifecycle. One record for all of them, named by {@code action} (e.g. {@code
 * event.published}, {@code tier.updated}), because they carry the same facts.
 */
public record CatalogChanged(
        String action, String entityType, String entityId, Map<String, Object> before, Map<String, Object> after)
        implements Auditable {

    static CatalogChanged event(String what, Event before, Event after) {
        return new CatalogChanged(
                "event." + what,
                "event",
                (after != null ? after : before).id().toString(),
                before == null ? null : summary(before),
                after == null ? null : summary(after));
    }

    /** An admin suspended ({@code suspended}) or reinstated ({@code reinstated}) the event. */
    static CatalogChanged suspension(String what, Event before, Event after) {
        return new CatalogChanged(
                "event." + what, "event", after.id().toString(), suspensionSummary(before), suspensionSummary(after));
    }

    /** The event's image was uploaded ({@code image_uploaded}, replacing any) or removed ({@code image_removed}). */
    static CatalogChanged image(String what, Event before, Event after) {
        return new CatalogChanged(
                "event." + what, "event", after.id().toString(), imageSummary(before), imageSummary(after));
    }

    static CatalogChanged tier(String what, Tier before, Tier after) {
        return new CatalogChanged(
                "tier." + what,
                "tier",
                (after != null ? after : before).id().toString(),
                before == null ? null : summary(before),
                after == null ? null : summary(after));
    }

    private static Map<String, Object> summary(Event e) {
        return Map.of(
                "title", e.details().title(),
                "status", e.status().value(),
                "starts_at", e.details().startsAt().toString(),
                "version", e.version());
    }

    private static Map<String, Object> suspensionSummary(Event e) {
        Map<String, Object> summary = new java.util.LinkedHashMap<>(summary(e));
        summary.put("suspended", e.isSuspended());
        if (e.suspensionReason() != null) {
            summary.put("reason", e.suspensionReason());
        }
        return summary;
    }

    private static Map<String, Object> imageSummary(Event e) {
        Map<String, Object> summary = new java.util.LinkedHashMap<>();
        summary.put("title", e.details().title());
        summary.put("version", e.version());
        summary.put("image", EventImages.summary(e.image()));
        return summary;
    }

    private static Map<String, Object> summary(Tier t) {
        return Map.of(
                "event_id", t.eventId().toString(),
                "name", t.details().name(),
                "price_minor", t.details().priceMinor(),
                "capacity", t.details().capacity(),
                "hidden", t.details().hidden(),
                "version", t.version());
    }
}
