package org.ticketvendor.tickets.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.ticketvendor.orders.IdempotencyKeys;
import org.ticketvendor.orders.Order;
import org.ticketvendor.orders.OrderPayments;
import org.ticketvendor.platform.CurrentUser;
import org.ticketvendor.tickets.TicketRefunds;

/** Refunds live with tickets: a refund is decided ticket by ticket, and tickets know their order. */
@RestController
@Tag(name = "orders")
class RefundController {

    private final TicketRefunds refunds;
    private final OrderPayments payments;
    private final IdempotencyKeys idempotency;

    RefundController(TicketRefunds refunds, OrderPayments payments, IdempotencyKeys idempotency) {
        this.refunds = refunds;
        this.payments = payments;
        this.idempotency = idempotency;
    }

    record RefundRequest(
            @Size(max = 100) List<@NotNull UUID> ticketIds,
            @NotBlank @Size(max = 200) String reason) {}

    record Keyed(UUID orderId, RefundRequest request) {}

    record RefundResponse(UUID orderId, String orderStatus, List<UUID> refundedTicketIds) {}

    @PostMapping(path = "/api/v1/orders/{id}/refund", consumes = "application/json", produces = "application/json")
    @PreAuthorize("hasAnyRole('promoter', 'admin')")
    @Operation(
            summary = "Refund a paid order, wholly or some tickets (ticket_ids); the event's promoter or an "
                    + "admin. Tickets stop validating at once, seats return to sale, the money goes back through the "
                    + "payment provider. Requires an Idempotency-Key")
    ResponseEntity<String> refund(
            CurrentUser caller,
            @PathVariable UUID id,
            @RequestHeader(name = "Idempotency-Key", required = false) String key,
            @Valid @RequestBody RefundRequest body) {
        List<UUID> ticketIds = body.ticketIds() == null ? List.of() : body.ticketIds();
        IdempotencyKeys.Outcome outcome =
                idempotency.run(caller.id(), "orders.refund", key, new Keyed(id, body), () -> {
                    TicketRefunds.Refunded refunded = refunds.refund(caller, id, ticketIds, body.reason());
                    Order order = refunded.order();
                    return ResponseEntity.ok(
                            new RefundResponse(order.id(), order.status().value(), refunded.ticketIds()));
                });
        if (!outcome.replayed()) {
            payments.payOwedRefunds(); // Pay out now rather than at the job's next run.
        }
        ResponseEntity.BodyBuilder response =
                ResponseEntity.status(outcome.status()).contentType(MediaType.APPLICATION_JSON);
        if (outcome.replayed()) {
            response.header("Idempotent-Replayed", "true");
        }
        return response.body(outcome.body());
    }
}
