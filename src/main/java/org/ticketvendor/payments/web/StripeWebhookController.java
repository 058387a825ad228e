package org.ticketvendor.payments.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.ticketvendor.payments.stripe.StripeWebhooks;

@RestController
@Tag(name = "payments", description = "Payment provider webhooks and the test-mode checkout")
class StripeWebhookController {

    private final StripeWebhooks webhooks;

    StripeWebhookController(StripeWebhooks webhooks) {
        this.webhooks = webhooks;
    }

    /** Responses to a webhook; Stripe only looks at the status (2xx = delivered, else retried). */
    record WebhookResponse(boolean received, boolean duplicate) {}

    /**
     * The body is taken as raw bytes: the signature covers them exactly, and any re-serialization
     * would break it. Stripe sends {@code application/json}; anything else is a 415 (a wildcard
     * Content-Type used to reach the body reading and fail there with a 500).
     */
    @PostMapping(
            path = "/api/v1/payments/webhooks/stripe",
            consumes = "application/json",
            produces = "application/json")
    @Operation(
            summary = "Stripe webhook endpoint (signed with the endpoint secret; replays are no-ops)",
            description = "Handles payment_intent.* and charge.refunded; other event types are acknowledged.")
    WebhookResponse receive(
            @RequestBody(required = false) byte[] body,
            @RequestHeader(name = "Stripe-Signature", required = false) String signature) {
        String payload = body == null ? "" : new String(body, StandardCharsets.UTF_8);
        boolean first = webhooks.receive(payload, signature);
        return new WebhookResponse(true, !first);
    }
}
