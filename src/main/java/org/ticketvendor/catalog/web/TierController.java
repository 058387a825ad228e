package org.ticketvendor.catalog.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
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
import org.springframework.web.bind.annotation.RestController;
import org.ticketvendor.catalog.Tier;
import org.ticketvendor.catalog.Tiers;
import org.ticketvendor.catalog.Tiers.TierWithAvailability;
import org.ticketvendor.catalog.web.CatalogResponses.AvailabilityResponse;
import org.ticketvendor.catalog.web.CatalogResponses.TierResponse;
import org.ticketvendor.catalog.web.EventRequests.TierRequest;
import org.ticketvendor.platform.CurrentUser;

@RestController
@Tag(name = "tiers", description = "Ticket tiers and their availability")
class TierController {

    private final Tiers tiers;
    private final Editors editors;

    TierController(Tiers tiers, Editors editors) {
        this.tiers = tiers;
        this.editors = editors;
    }

    @GetMapping(path = "/api/v1/events/{idOrSlug}/tiers", produces = "application/json")
    @Operation(summary = "An event's tiers with availability (hidden tiers only for the owner)")
    List<TierResponse> list(@PathVariable @Size(max = 200) String idOrSlug) {
        return tiers.ofEvent(idOrSlug, editors.viewer()).stream()
                .map(TierResponse::of)
                .toList();
    }

    @PostMapping(path = "/api/v1/events/{eventId}/tiers", consumes = "application/json", produces = "application/json")
    @PreAuthorize("hasAnyRole('promoter', 'admin')")
    @Operation(summary = "Add a tier to an event; its price is in the event's currency")
    ResponseEntity<TierResponse> create(
            CurrentUser caller, @PathVariable UUID eventId, @Valid @RequestBody TierRequest body) {
        Tier tier = tiers.create(editors.of(caller), eventId, body.details());
        return ResponseEntity.created(URI.create("/api/v1/events/" + eventId + "/tiers/" + tier.id()))
                .eTag(ETags.of(tier.version()))
                .body(TierResponse.of(tier, null));
    }

    @PutMapping(
            path = "/api/v1/events/{eventId}/tiers/{tierId}",
            consumes = "application/json",
            produces = "application/json")
    @PreAuthorize("hasAnyRole('promoter', 'admin')")
    @Operation(summary = "Replace a tier; capacity can drop only to what is sold and held. Requires If-Match")
    ResponseEntity<TierResponse> update(
            CurrentUser caller,
            @PathVariable UUID eventId,
            @PathVariable UUID tierId,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody TierRequest body) {
        Tier tier = tiers.update(editors.of(caller), eventId, tierId, ETags.required(ifMatch), body.details());
        return ResponseEntity.ok().eTag(ETags.of(tier.version())).body(TierResponse.of(tier, null));
    }

    @DeleteMapping("/api/v1/events/{eventId}/tiers/{tierId}")
    @PreAuthorize("hasAnyRole('promoter', 'admin')")
    @Operation(summary = "Delete a tier nobody has bought or holds")
    ResponseEntity<Void> delete(
            CurrentUser caller,
            @PathVariable UUID eventId,
            @PathVariable UUID tierId,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        tiers.delete(editors.of(caller), eventId, tierId, ETags.optional(ifMatch));
        return ResponseEntity.noContent().build();
    }

    @GetMapping(path = "/api/v1/tiers/{tierId}/availability", produces = "application/json")
    @Operation(summary = "What is left of a tier, and whether it is on sale now")
    AvailabilityResponse availability(@PathVariable UUID tierId) {
        TierWithAvailability found = tiers.availability(tierId);
        return AvailabilityResponse.of(tierId, found.availability(), found.onSale());
    }
}
