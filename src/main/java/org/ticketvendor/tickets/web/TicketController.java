package org.ticketvendor.tickets.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.ticketvendor.platform.CurrentUser;
import org.ticketvendor.tickets.Ticket;
import org.ticketvendor.tickets.Tickets;

@RestController
@Tag(name = "tickets", description = "The caller's tickets and their QR codes")
class TicketController {

    private final Tickets tickets;

    TicketController(Tickets tickets) {
        this.tickets = tickets;
    }

    record TicketResponse(
            UUID id,
            String ticketNumber,
            UUID orderId,
            UUID eventId,
            UUID tierId,
            String status,
            String code,
            Instant checkedInAt,
            Instant createdAt) {}

    record TicketPage(List<TicketResponse> items, int page, int size, long totalItems, long totalPages) {}

    @GetMapping(path = "/api/v1/tickets", produces = "application/json")
    @Operation(summary = "The caller's tickets, newest first, each with its signed code")
    TicketPage list(
            CurrentUser caller,
            @RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        long total = tickets.countOfHolder(caller.id());
        return new TicketPage(
                tickets.ofHolder(caller.id(), page, size).stream()
                        .map(this::response)
                        .toList(),
                page,
                size,
                total,
                (total + size - 1) / size);
    }

    @GetMapping(path = "/api/v1/tickets/{id}", produces = "application/json")
    @Operation(summary = "One of the caller's tickets")
    TicketResponse get(CurrentUser caller, @PathVariable UUID id) {
        return response(tickets.ofHolder(caller.id(), id));
    }

    @GetMapping(path = "/api/v1/tickets/{id}/qr.png", produces = MediaType.IMAGE_PNG_VALUE)
    @Operation(summary = "The ticket's QR code to show at the door")
    ResponseEntity<byte[]> qr(CurrentUser caller, @PathVariable UUID id) {
        Ticket ticket = tickets.ofHolder(caller.id(), id);
        return ResponseEntity.ok()
                .contentType(MediaType.IMAGE_PNG)
                .cacheControl(CacheControl.noStore())
                .body(tickets.qrPng(ticket));
    }

    @GetMapping(path = "/api/v1/events/{eventId}/ticket-key", produces = "application/x-pem-file")
    @Operation(summary = "The public key (PEM) with which door scanners verify this event's codes offline")
    String eventKey(@PathVariable UUID eventId) {
        return tickets.eventKeyPem(eventId);
    }

    private TicketResponse response(Ticket t) {
        return new TicketResponse(
                t.id(),
                t.ticketNumber(),
                t.orderId(),
                t.eventId(),
                t.tierId(),
                t.status(),
                tickets.code(t),
                t.checkedInAt(),
                t.createdAt());
    }
}
