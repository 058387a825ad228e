package org.ticketvendor.orders;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.ticketvendor.platform.ApiException;

/** The errors the orders module reports to clients. */
public final class OrderExceptions {

    private OrderExceptions() {}

    /** No such order among the caller's. */
    public static final class OrderNotFoundException extends ApiException {
        public OrderNotFoundException() {
            super(HttpStatus.NOT_FOUND, "order_not_found", "Order not found", "No such order.");
        }
    }

    /** Lines that cannot be ordered, per field (e.g. {@code items[0].quantity}). */
    public static final class InvalidOrderException extends ApiException {
        public InvalidOrderException(Map<String, String> problems) {
            super(HttpStatus.BAD_REQUEST, "validation_failed", "Validation failed", "Some items cannot be ordered.");
            List<Map<String, String>> errors = problems.entrySet().stream()
                    .map(e -> Map.of("field", e.getKey(), "message", e.getValue()))
                    .toList();
            with("errors", errors);
        }
    }

    /** The order cannot be sold now: the event or tier is not on sale. */
    public static final class NotOnSaleException extends ApiException {
        public NotOnSaleException(String detail) {
            super(HttpStatus.CONFLICT, "not_on_sale", "Not on sale", detail);
        }
    }

    /** The buyer would exceed the tickets one buyer may have for this event. */
    public static final class BuyerLimitException extends ApiException {
        public BuyerLimitException(int limit, int owned) {
            super(
                    HttpStatus.CONFLICT,
                    "buyer_limit_reached",
                    "Ticket limit reached",
                    "One buyer may have at most " + limit + " tickets for this event; you already have " + owned + ".");
            with("limit", limit);
            with("owned", owned);
        }
    }

    /** The order is not in a state that allows this. */
    public static final class OrderStateException extends ApiException {
        public OrderStateException(String code, String detail) {
            super(HttpStatus.CONFLICT, code, "Not allowed in the order's current state", detail);
        }
    }

    /** POSTs that create money or inventory state must carry an Idempotency-Key. */
    public static final class IdempotencyKeyRequiredException extends ApiException {
        public IdempotencyKeyRequiredException() {
            super(
                    HttpStatus.BAD_REQUEST,
                    "idempotency_key_required",
                    "Idempotency-Key required",
                    "Send a unique Idempotency-Key header (1 to 255 characters) so a retry can never buy twice.");
        }
    }

    /** The key was used before with a different request. */
    public static final class IdempotencyKeyReusedException extends ApiException {
        public IdempotencyKeyReusedException() {
            super(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "idempotency_key_reused",
                    "Idempotency-Key reused",
                    "This Idempotency-Key was used with a different request. Use a new key for a new request.");
        }
    }

    /** The first request with this key is still being processed. */
    public static final class IdempotencyKeyInFlightException extends ApiException {
        public IdempotencyKeyInFlightException() {
            super(
                    HttpStatus.CONFLICT,
                    "idempotency_key_in_flight",
                    "Request in progress",
                    "A request with this Idempotency-Key is still being processed. Retry in a moment.");
            with("retry_after_seconds", 1);
        }
    }
}
