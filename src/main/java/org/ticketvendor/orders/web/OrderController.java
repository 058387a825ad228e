package org.ticketvendor.orders.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.ticketvendor.orders.IdempotencyKeys;
import org.ticketvendor.orders.OrderPayments;
import org.ticketvendor.orders.Orders;
import org.ticketvendor.platform.Admission;
import org.ticketvendor.platform.CurrentUser;
import org.ticketvendor.platform.RateLimited;

@RestController
@RequestMapping(path = "/api/v1/orders", produces = "application/json")
@Tag(name = "orders", description = "Buying tickets: hold, pay, cancel")
class OrderController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final Orders orders;
    private final OrderPayments payments;
    private final IdempotencyKeys idempotency;
    private final Admission admission;

    OrderController(Orders orders, OrderPayments payments, IdempotencyKeys idempotency, Admission admission) {
        this.orders = orders;
        this.payments = payments;
        this.idempotency = idempotency;
        this.admission = admission;
    }

    record ItemRequest(
            @NotNull UUID tierId, @NotNull @Min(1) @Max(100) Integer quantity) {}

    record OrderRequest(@NotEmpty @Size(max = 20) List<@Valid @NotNull ItemRequest> items) {}

    @PostMapping(consumes = "application/json")
    @RateLimited("orders")
    @Operation(summary = "Hold tickets and open an order to pay for; requires an Idempotency-Key header")
    ResponseEntity<String> place(
            CurrentUser caller,
            @Parameter(description = "Unique per purchase attempt; a retry with the same key never buys twice")
                    @RequestHeader(name = IDEMPOTENCY_KEY, required = false)
                    String key,
            @Valid @RequestBody OrderRequest body) {
        orders.refuseKnownSoldOut(body.items().stream()
                .map(i -> new Orders.Item(i.tierId(), i.quantity()))
                .toList());
        // Sold-out answers above never wait; the work below waits its turn or is turned away (503).
        IdempotencyKeys.Outcome outcome = admission.run(() -> idempotency.run(
                caller.id(),
                "orders.place",
                key,
                body,
                attach -> {
                    OrderPayments.Payable placed = payments.place(
                            caller.id(),
                            body.items().stream()
                                    .map(i -> new Orders.Item(i.tierId(), i.quantity()))
                                    .toList(),
                            attach);
                    return created(placed);
                },
                orderId -> created(payments.view(caller.id(), orderId))));
        return replay(outcome);
    }

    @GetMapping
    @Operation(summary = "The caller's orders, newest first (page-numbered from 0, at most 100 per page)")
    OrderResponse.Page list(
            CurrentUser caller,
            @RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return OrderResponse.Page.of(
                orders.ofBuyer(caller.id(), page, size).stream()
                        .map(OrderResponse::of)
                        .toList(),
                page,
                size,
                orders.countOfBuyer(caller.id()));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One of the caller's orders")
    OrderResponse get(CurrentUser caller, @PathVariable UUID id) {
        return OrderResponse.of(payments.view(caller.id(), id));
    }

    @PostMapping("/{id}/confirm")
    @Operation(
            summary = "Check the payment with the provider; when it went through, the order is paid and "
                    + "its tickets issued. Safe to repeat")
    OrderResponse confirm(CurrentUser caller, @PathVariable UUID id) {
        return OrderResponse.of(payments.confirm(caller.id(), id));
    }

    @PostMapping("/{id}/cancel")
    @Operation(summary = "Cancel an order waiting for payment; its tickets return to sale at once. Safe to repeat")
    OrderResponse cancel(CurrentUser caller, @PathVariable UUID id) {
        return OrderResponse.of(payments.cancel(caller.id(), id));
    }

    private static ResponseEntity<OrderResponse> created(OrderPayments.Payable placed) {
        return ResponseEntity.created(
                        URI.create("/api/v1/orders/" + placed.order().id()))
                .body(OrderResponse.of(placed));
    }

    /** The stored JSON as it was first sent, with its status; a replay says so in a header. */
    private static ResponseEntity<String> replay(IdempotencyKeys.Outcome outcome) {
        ResponseEntity.BodyBuilder response =
                ResponseEntity.status(outcome.status()).contentType(MediaType.APPLICATION_JSON);
        if (outcome.replayed()) {
            response.header("Idempotent-Replayed", "true");
        }
        return response.body(outcome.body());
    }
}
