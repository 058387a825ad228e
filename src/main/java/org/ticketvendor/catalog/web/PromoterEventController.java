package org.ticketvendor.catalog.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.ticketvendor.catalog.Catalog;
import org.ticketvendor.catalog.web.CatalogResponses.EventResponse;
import org.ticketvendor.catalog.web.CatalogResponses.PageResponse;
import org.ticketvendor.platform.CurrentUser;

@RestController
@RequestMapping(path = "/api/v1/promoter/events", produces = "application/json")
@PreAuthorize("hasAnyRole('promoter', 'admin')")
@Tag(name = "events")
class PromoterEventController {

    private final Catalog catalog;
    private final Editors editors;

    PromoterEventController(Catalog catalog, Editors editors) {
        this.catalog = catalog;
        this.editors = editors;
    }

    @GetMapping
    @Operation(summary = "The caller's own events in any status, latest start first")
    PageResponse<EventResponse> mine(
            CurrentUser caller,
            @RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        UUID promoterId = editors.owner(caller).promoterId();
        return PageResponse.of(
                catalog.ofPromoter(promoterId, page, size).stream()
                        .map(e -> EventResponse.of(e, null))
                        .toList(),
                page,
                size,
                catalog.countOfPromoter(promoterId));
    }
}
