package org.ticketvendor.waitlist.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.ticketvendor.orders.Order;
import org.ticketvendor.orders.OrderPayments;
import org.ticketvendor.orders.OrderStatus;
import org.ticketvendor.platform.CurrentUser;
import org.ticketvendor.platform.RateLimited;
import org.ticketvendor.waitlist.Waitlist;
import org.ticketvendor.waitlist.WaitlistEntry;
import org.ticketvendor.waitlist.WaitlistExceptions.InvalidWaitlistRequestException;

@RestController
@RequestMapping(path = "/api/v1/waitlist", produces = "application/json")
@PreAuthorize("isAuthenticated()")
@Tag(name = "waitlist", description = "Queueing for sold-out tiers; freed seats are offered in order")
class WaitlistController {

    private final Waitlist waitlist;
    private final EventTiers eventTiers;

    WaitlistController(Waitlist waitlist, EventTiers eventTiers) {
        this.waitlist = waitlist;
        this.eventTiers = eventTiers;
    }

    /** {@code tier_id}, or {@code event_id} alone for an event with a single tier on sale. */
    record JoinRequest(
            UUID eventId,
            UUID tierId,
            @NotNull @Min(1) @Max(Waitlist.MAX_QUANTITY) Integer quantity) {}

    /**
     * An entry. {@code place}: 1-based place among those still waiting for the tier. An offer holds
     * the seats until {@code offer_expires_at}; claim it with {@code POST /api/v1/waitlist/{id}/claim}.
     */
    record EntryResponse(
            UUID id,
            UUID eventId,
            UUID tierId,
            int quantity,
            String status,
            Long place,
            Instant offeredAt,
            Instant offerExpiresAt,
            UUID orderId,
            Instant createdAt) {

        static EntryResponse of(WaitlistEntry e) {
            return new EntryResponse(
                    e.id(),
                    e.eventId(),
                    e.tierId(),
                    e.quantity(),
                    e.status(),
                    "waiting".equals(e.status()) ? e.place() : null,
                    e.offeredAt(),
                    e.offerExpiresAt(),
                    e.orderId(),
                    e.createdAt());
        }
    }

    record Page(List<EntryResponse> items, int page, int size, long totalItems) {}

    /** The order a claim made, with what the client needs to pay it (as {@code GET /api/v1/orders/{id}}). */
    record ClaimResponse(
            UUID orderId,
            String orderNumber,
            String status,
            long totalMinor,
            String currency,
            Instant expiresAt,
            PaymentResponse payment) {}

    record PaymentResponse(String provider, String providerPaymentId, String clientSecret, String status) {}

    @PostMapping(consumes = "application/json")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Join the waitlist of a sold-out tier (once per tier)")
    EntryResponse join(CurrentUser caller, @Valid @RequestBody JoinRequest body) {
        UUID tierId = body.tierId();
        if (tierId == null) {
            if (body.eventId() == null) {
                throw new InvalidWaitlistRequestException("tier_required", "Give tier_id (or event_id).");
            }
            tierId = eventTiers.onlyTier(body.eventId());
        }
        return EntryResponse.of(waitlist.join(caller.id(), body.eventId(), tierId, body.quantity()));
    }

    @GetMapping
    @Operation(summary = "The caller's waitlist entries, newest first, with their place in the queue")
    Page mine(
            CurrentUser caller,
            @RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return new Page(
                waitlist.of(caller.id(), page, size).stream()
                        .map(EntryResponse::of)
                        .toList(),
                page,
                size,
                waitlist.countOf(caller.id()));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One of the caller's waitlist entries")
    EntryResponse get(CurrentUser caller, @PathVariable UUID id) {
        return EntryResponse.of(waitlist.of(caller.id(), id));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Leave the waitlist (an open offer's seats go to the next in line)")
    void leave(CurrentUser caller, @PathVariable UUID id) {
        waitlist.leave(caller.id(), id);
    }

    @PostMapping("/{id}/claim")
    @RateLimited("orders")
    @Operation(
            summary = "Claim an offer: an order for the offered seats, paid like any order. Claiming again "
                    + "returns the same order")
    ResponseEntity<ClaimResponse> claim(CurrentUser caller, @PathVariable UUID id) {
        OrderPayments.Payable payable = waitlist.claim(caller.id(), id, orderId -> {});
        Order order = payable.order();
        boolean open = order.status() == OrderStatus.PENDING_PAYMENT;
        PaymentResponse payment = payable.payment()
                .map(p -> new PaymentResponse(
                        p.provider(),
                        p.providerPaymentId(),
                        open ? p.clientSecret() : null,
                        p.status().value()))
                .orElse(null);
        return ResponseEntity.created(URI.create("/api/v1/orders/" + order.id()))
                .body(new ClaimResponse(
                        order.id(),
                        order.orderNumber(),
                        order.status().value(),
                        order.totalMinor(),
                        order.currency(),
                        order.expiresAt(),
                        payment));
    }
}
