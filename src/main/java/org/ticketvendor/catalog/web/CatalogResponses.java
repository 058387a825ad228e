package org.ticketvendor.catalog.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.ticketvendor.catalog.Event;
import org.ticketvendor.catalog.EventImage;
import org.ticketvendor.catalog.Tier;
import org.ticketvendor.catalog.Tiers.TierWithAvailability;
import org.ticketvendor.catalog.Venue;
import org.ticketvendor.inventory.Availability;

/** What the catalog endpoints return. */
final class CatalogResponses {

    private CatalogResponses() {}

    /**
     * {@code suspended_at}/{@code suspension_reason}: set while an admin suspends the event (only its
     * promoter and admins see it then). {@code image_url} is the link the promoter typed in (returned as
     * given, never fetched); {@code image} is the image uploaded to us, or null.
     */
    record EventResponse(
            UUID id,
            String slug,
            String title,
            String description,
            String category,
            Venue venue,
            String timezone,
            Instant startsAt,
            Instant endsAt,
            String currency,
            String imageUrl,
            EventImageResponse image,
            Map<String, Object> metadata,
            String status,
            Instant publishedAt,
            Instant suspendedAt,
            String suspensionReason,
            UUID promoterId,
            Long minPriceMinor,
            long version,
            Instant createdAt,
            Instant updatedAt) {

        static EventResponse of(Event e, Long minPriceMinor) {
            var d = e.details();
            return new EventResponse(
                    e.id(),
                    e.slug(),
                    d.title(),
                    d.description(),
                    d.category(),
                    d.venue(),
                    d.timezone(),
                    d.startsAt(),
                    d.endsAt(),
                    d.currency(),
                    d.imageUrl(),
                    e.image() == null ? null : EventImageResponse.of(e),
                    d.metadata(),
                    e.status().value(),
                    e.publishedAt(),
                    e.suspendedAt(),
                    e.suspensionReason(),
                    e.promoterId(),
                    minPriceMinor,
                    e.version(),
                    e.createdAt(),
                    e.updatedAt());
        }
    }

    /**
     * The uploaded image of an event. {@code url} is relative to the API's origin; its {@code v}
     * parameter changes with the image's content.
     */
    record EventImageResponse(
            String url, String contentType, int width, int height, int sizeBytes, Instant uploadedAt) {

        static EventImageResponse of(Event e) {
            EventImage image = e.image();
            return new EventImageResponse(
                    "/api/v1/events/" + e.id() + "/image?v=" + image.sha256().substring(0, 16),
                    image.contentType(),
                    image.width(),
                    image.height(),
                    image.sizeBytes(),
                    image.uploadedAt());
        }
    }

    /** {@code waiting}: seats people on the waitlist wait for; free seats go to them first. */
    record AvailabilityResponse(
            UUID tierId,
            int capacity,
            int sold,
            int held,
            int waiting,
            int available,
            boolean soldOut,
            boolean onSale) {

        static AvailabilityResponse of(UUID tierId, Availability a, boolean onSale) {
            return new AvailabilityResponse(
                    tierId, a.capacity(), a.sold(), a.held(), a.waiting(), a.available(), a.soldOut(), onSale);
        }
    }

    record TierResponse(
            UUID id,
            UUID eventId,
            String name,
            String description,
            long priceMinor,
            String currency,
            int capacity,
            Instant salesStartAt,
            Instant salesEndAt,
            int minPerOrder,
            int maxPerOrder,
            boolean hidden,
            int sortOrder,
            long version,
            AvailabilityResponse availability) {

        static TierResponse of(Tier t, AvailabilityResponse availability) {
            var d = t.details();
            return new TierResponse(
                    t.id(),
                    t.eventId(),
                    d.name(),
                    d.description(),
                    d.priceMinor(),
                    t.currency(),
                    d.capacity(),
                    d.salesStartAt(),
                    d.salesEndAt(),
                    d.minPerOrder(),
                    d.maxPerOrder(),
                    d.hidden(),
                    d.sortOrder(),
                    t.version(),
                    availability);
        }

        static TierResponse of(TierWithAvailability t) {
            return of(
                    t.tier(),
                    t.availability() == null
                            ? null
                            : AvailabilityResponse.of(t.tier().id(), t.availability(), t.onSale()));
        }
    }

    /** A page of results. Pages are numbered from 0; {@code size} is at most 100. */
    record PageResponse<T>(List<T> items, int page, int size, long totalItems, long totalPages) {

        static <T> PageResponse<T> of(List<T> items, int page, int size, long total) {
            return new PageResponse<>(items, page, size, total, (total + size - 1) / size);
        }
    }
}
