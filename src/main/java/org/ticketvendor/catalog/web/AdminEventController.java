package org.ticketvendor.catalog.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.ticketvendor.catalog.Catalog;
import org.ticketvendor.catalog.Event;
import org.ticketvendor.catalog.web.CatalogResponses.EventResponse;

@RestController
@RequestMapping(path = "/api/v1/admin/events", produces = "application/json")
@PreAuthorize("hasRole('admin')")
@Tag(name = "admin")
class AdminEventController {

    private final Catalog catalog;

    AdminEventController(Catalog catalog) {
        this.catalog = catalog;
    }

    record SuspendRequest(@NotBlank @Size(max = 500) String reason) {}

    @PostMapping(path = "/{id}/suspend", consumes = "application/json")
    @Operation(
            summary = "Suspend an event (audited)",
            description = "Until reinstated it is off sale and out of sight: gone from listings and search, its"
                    + " page, tiers and availability answer 404 to the public (its promoter and admins still see"
                    + " it, with suspended_at and suspension_reason), new holds, orders and waitlist entries are"
                    + " refused, and its promoter cannot publish it. Its status does not change; paid tickets stay"
                    + " valid (cancel the event to refund them). Holds placed before can still be paid until they"
                    + " expire. Cancelled and completed events cannot be suspended (409 event_not_editable);"
                    + " suspending a suspended event changes nothing.")
    ResponseEntity<EventResponse> suspend(@PathVariable UUID id, @Valid @RequestBody SuspendRequest body) {
        return withETag(catalog.suspend(id, body.reason().strip()));
    }

    @PostMapping("/{id}/reinstate")
    @Operation(
            summary = "Lift an event's suspension (audited)",
            description = "A published event is public and on sale again at once; a draft can be published.")
    ResponseEntity<EventResponse> reinstate(@PathVariable UUID id) {
        return withETag(catalog.reinstate(id));
    }

    private static ResponseEntity<EventResponse> withETag(Event event) {
        return ResponseEntity.ok().eTag(ETags.of(event.version())).body(EventResponse.of(event, null));
    }
}
