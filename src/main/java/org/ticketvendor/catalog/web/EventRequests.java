package org.ticketvendor.catalog.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Map;
import org.ticketvendor.catalog.EventDetails;
import org.ticketvendor.catalog.TierDetails;
import org.ticketvendor.catalog.Venue;

/** Bodies for creating and changing events and tiers; bounds match the database's. */
final class EventRequests {

    private EventRequests() {}

    record VenueRequest(
            @NotBlank @Size(max = 200) String name,
            @Size(max = 500) String address,
            @NotBlank @Size(max = 100) String city,

            @Pattern(regexp = "^[A-Z]{2}$", message = "must be an ISO 3166 alpha-2 country code such as FR")
            String country) {}

    record EventRequest(
            @NotBlank @Size(max = 200) String title,
            @Size(max = 20000) String description,
            @Size(min = 1, max = 100) String category,
            @NotNull @Valid VenueRequest venue,
            @Size(min = 1, max = 64) String timezone,
            @NotNull Instant startsAt,
            Instant endsAt,

            @NotNull @Pattern(regexp = "^[A-Z]{3}$", message = "must be an ISO 4217 currency code such as EUR")
            String currency,

            @Size(max = 2048) @Pattern(regexp = "^https?://\\S+$", message = "must be an http(s) URL")
            String imageUrl,

            @Size(max = 50) Map<String, Object> metadata) {

        EventDetails details() {
            return new EventDetails(
                    title.strip(),
                    description == null ? "" : description,
                    category == null ? null : category.strip(),
                    new Venue(
                            venue.name().strip(), venue.address(), venue.city().strip(), venue.country()),
                    timezone == null ? "UTC" : timezone,
                    startsAt,
                    endsAt,
                    currency,
                    imageUrl,
                    metadata == null ? Map.of() : metadata);
        }
    }

    record TierRequest(
            @NotBlank @Size(max = 100) String name,
            @Size(max = 2000) String description,
            @NotNull @PositiveOrZero @Max(10_000_000_000L) Long priceMinor,
            @NotNull @Min(1) @Max(1_000_000) Integer capacity,
            Instant salesStartAt,
            Instant salesEndAt,
            @Min(1) @Max(100) Integer minPerOrder,
            @Min(1) @Max(100) Integer maxPerOrder,
            Boolean hidden,
            @Min(0) @Max(10_000) Integer sortOrder) {

        TierDetails details() {
            return new TierDetails(
                    name.strip(),
                    description == null ? "" : description,
                    priceMinor,
                    capacity,
                    salesStartAt,
                    salesEndAt,
                    minPerOrder == null ? 1 : minPerOrder,
                    maxPerOrder == null ? 10 : maxPerOrder,
                    Boolean.TRUE.equals(hidden),
                    sortOrder == null ? 0 : sortOrder);
        }
    }
}
