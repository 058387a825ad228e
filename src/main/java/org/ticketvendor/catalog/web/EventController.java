package org.ticketvendor.catalog.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.ticketvendor.catalog.Catalog;
import org.ticketvendor.catalog.Event;
import org.ticketvendor.catalog.EventPage;
import org.ticketvendor.catalog.EventQuery;
import org.ticketvendor.catalog.domain.EventStatus;
import org.ticketvendor.catalog.web.CatalogResponses.EventResponse;
import org.ticketvendor.catalog.web.CatalogResponses.PageResponse;
import org.ticketvendor.catalog.web.EventRequests.EventRequest;
import org.ticketvendor.platform.CurrentUser;

@RestController
@RequestMapping(path = "/api/v1/events", produces = "application/json")
@Tag(name = "events", description = "Events: public browsing and search, promoters' management")
class EventController {

    private final Catalog catalog;
    private final Editors editors;

    EventController(Catalog catalog, Editors editors) {
        this.catalog = catalog;
        this.editors = editors;
    }

    @GetMapping
    @Operation(summary = "Search published events (page-numbered pagination from 0, at most 100 per page)")
    PageResponse<EventResponse> search(
            @Parameter(description = "Full-text search; quotes, 'or' and '-word' work")
                    @RequestParam(required = false)
                    @Size(max = 200)
                    String q,
            @RequestParam(required = false) @Size(max = 100) String city,
            @RequestParam(required = false) @Size(max = 100) String category,
            @Parameter(description = "Events starting at or after (ISO-8601)")
                    @RequestParam(name = "starts_from", required = false)
                    Instant startsFrom,
            @Parameter(description = "Events starting before (ISO-8601)")
                    @RequestParam(name = "starts_to", required = false)
                    Instant startsTo,
            @RequestParam(name = "min_price_minor", required = false) @PositiveOrZero Long minPriceMinor,
            @RequestParam(name = "max_price_minor", required = false) @PositiveOrZero Long maxPriceMinor,
            @Parameter(description = "Only events with tickets left in some visible tier")
                    @RequestParam(name = "has_availability", defaultValue = "false")
                    boolean hasAvailability,
            @RequestParam(required = false)
                    @Pattern(
                            regexp = "relevance|starts_at|-starts_at|price|-price",
                            message = "must be one of relevance, starts_at, -starts_at, price, -price")
                    String sort,
            @RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        EventPage found = catalog.search(new EventQuery(
                q,
                city,
                category,
                startsFrom,
                startsTo,
                minPriceMinor,
                maxPriceMinor,
                hasAvailability,
                sort,
                page,
                size));
        return PageResponse.of(
                found.events().stream()
                        .map(e -> EventResponse.of(e, found.minPrices().get(e.id())))
                        .toList(),
                page,
                size,
                found.total());
    }

    @GetMapping("/{idOrSlug}")
    @Operation(summary = "A published event by id or slug (owners and admins also see unpublished ones)")
    ResponseEntity<EventResponse> get(@PathVariable @Size(max = 200) String idOrSlug) {
        return withETag(catalog.visible(idOrSlug, editors.viewer()));
    }

    @PostMapping(consumes = "application/json")
    @PreAuthorize("hasAnyRole('promoter', 'admin')")
    @Operation(summary = "Create a draft event")
    ResponseEntity<EventResponse> create(CurrentUser caller, @Valid @RequestBody EventRequest body) {
        Event created = catalog.create(editors.owner(caller), body.details());
        return ResponseEntity.created(URI.create("/api/v1/events/" + created.id()))
                .eTag(ETags.of(created.version()))
                .body(EventResponse.of(created, null));
    }

    @PutMapping(path = "/{id}", consumes = "application/json")
    @PreAuthorize("hasAnyRole('promoter', 'admin')")
    @Operation(summary = "Replace an event's details; requires If-Match with the ETag last read")
    ResponseEntity<EventResponse> update(
            CurrentUser caller,
            @PathVariable UUID id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody EventRequest body) {
        return withETag(catalog.update(editors.of(caller), id, ETags.required(ifMatch), body.details()));
    }

    @DeleteMapping("/{id}")
    @PreAuthorize("hasAnyRole('promoter', 'admin')")
    @Operation(summary = "Soft-delete an event that is not on sale")
    ResponseEntity<Void> delete(
            CurrentUser caller,
            @PathVariable UUID id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        catalog.delete(editors.of(caller), id, ETags.optional(ifMatch));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/publish")
    @PreAuthorize("hasAnyRole('promoter', 'admin')")
    @Operation(summary = "Publish a draft event with at least one tier")
    ResponseEntity<EventResponse> publish(
            CurrentUser caller,
            @PathVariable UUID id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return transition(caller, id, ifMatch, EventStatus.PUBLISHED);
    }

    @PostMapping("/{id}/unpublish")
    @PreAuthorize("hasAnyRole('promoter', 'admin')")
    @Operation(summary = "Take a published event back to draft")
    ResponseEntity<EventResponse> unpublish(
            CurrentUser caller,
            @PathVariable UUID id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return transition(caller, id, ifMatch, EventStatus.DRAFT);
    }

    @PostMapping("/{id}/cancel")
    @PreAuthorize("hasAnyRole('promoter', 'admin')")
    @Operation(summary = "Cancel an event (final)")
    ResponseEntity<EventResponse> cancel(
            CurrentUser caller,
            @PathVariable UUID id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return transition(caller, id, ifMatch, EventStatus.CANCELLED);
    }

    private ResponseEntity<EventResponse> transition(CurrentUser caller, UUID id, String ifMatch, EventStatus target) {
        return withETag(catalog.transition(editors.of(caller), id, ETags.optional(ifMatch), target));
    }

    private static ResponseEntity<EventResponse> withETag(Event event) {
        return ResponseEntity.ok().eTag(ETags.of(event.version())).body(EventResponse.of(event, null));
    }
}
