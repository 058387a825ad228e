package org.ticketvendor.payments.stripe;

import com.stripe.model.PaymentIntent;
import com.stripe.model.Refund;
import com.stripe.model.StripeError;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.ticketvendor.payments.PaymentStatus;
import org.ticketvendor.payments.provider.ProviderPayment;
import org.ticketvendor.payments.provider.ProviderRefund;

/**
 * Stripe's objects in our terms. Only ids, statuses, amounts and error codes are kept: a Stripe
 * object can carry billing details and card metadata, which never reach our tables.
 */
final class StripeObjects {

    /** Metadata key under which our reference travels with a PaymentIntent. */
    static final String REFERENCE = "reference";

    /** Metadata key under which a refund carries our idempotency key, to match its webhooks. */
    static final String REFUND_KEY = "ticketvendor_refund_key";

    private StripeObjects() {}

    /**
     * @throws IllegalStateException for an answer that is no PaymentIntent (no id, status, amount or
     *     currency): recording it would look like a payment started, with nothing to pay
     */
    static ProviderPayment payment(PaymentIntent intent) {
        if (intent == null
                || intent.getId() == null
                || intent.getId().isBlank()
                || intent.getStatus() == null
                || intent.getAmount() == null
                || intent.getCurrency() == null) {
            throw new IllegalStateException("Stripe answered without a usable PaymentIntent");
        }
        StripeError error = intent.getLastPaymentError();
        String failureCode =
                error == null ? null : firstNonNull(error.getCode(), error.getDeclineCode(), "payment_failed");
        PaymentStatus status = status(intent.getStatus(), error != null);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("id", intent.getId());
        summary.put("object", "payment_intent");
        summary.put("amount", intent.getAmount());
        summary.put("currency", intent.getCurrency());
        summary.put("status", intent.getStatus());
        summary.put("livemode", intent.getLivemode());
        summary.put("latest_charge", intent.getLatestCharge());
        summary.put("cancellation_reason", intent.getCancellationReason());
        summary.put("last_payment_error", error == null ? null : errorSummary(error));
        return new ProviderPayment(
                intent.getId(),
                status,
                intent.getClientSecret(),
                intent.getMetadata() == null ? null : intent.getMetadata().get(REFERENCE),
                intent.getAmount() == null ? 0 : intent.getAmount(),
                intent.getCurrency() == null ? null : intent.getCurrency().toUpperCase(Locale.ROOT),
                failureCode,
                error == null ? null : error.getMessage(),
                summary);
    }

    /**
     * Stripe's PaymentIntent statuses in ours. A declined attempt leaves the intent in {@code
     * requires_payment_method} with a {@code last_payment_error}: that is a failure (the buyer may
     * still try again).
     */
    static PaymentStatus status(String stripeStatus, boolean lastAttemptFailed) {
        if (stripeStatus == null) {
            return PaymentStatus.PENDING;
        }
        return switch (stripeStatus) {
            case "succeeded" -> PaymentStatus.SUCCEEDED;
            case "canceled" -> PaymentStatus.CANCELLED;
            case "processing", "requires_capture" -> PaymentStatus.PROCESSING;
            case "requires_action" -> PaymentStatus.REQUIRES_ACTION;
            case "requires_payment_method" -> lastAttemptFailed ? PaymentStatus.FAILED : PaymentStatus.PENDING;
            default -> PaymentStatus.PENDING;
        };
    }

    /** @throws IllegalStateException for an answer that is no Refund (no id, status or amount) */
    static ProviderRefund refund(Refund refund) {
        if (refund == null
                || refund.getId() == null
                || refund.getId().isBlank()
                || refund.getStatus() == null
                || refund.getAmount() == null) {
            throw new IllegalStateException("Stripe answered without a usable Refund");
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("id", refund.getId());
        summary.put("object", "refund");
        summary.put("payment_intent", refund.getPaymentIntent());
        summary.put("amount", refund.getAmount());
        summary.put("currency", refund.getCurrency());
        summary.put("status", refund.getStatus());
        summary.put("reason", refund.getReason());
        summary.put("failure_reason", refund.getFailureReason());
        return new ProviderRefund(
                refund.getId(),
                refundStatus(refund.getStatus()),
                refund.getAmount() == null ? 0 : refund.getAmount(),
                refund.getFailureReason(),
                summary);
    }

    static PaymentStatus refundStatus(String stripeStatus) {
        if (stripeStatus == null) {
            return PaymentStatus.PENDING;
        }
        return switch (stripeStatus) {
            case "succeeded" -> PaymentStatus.SUCCEEDED;
            case "failed" -> PaymentStatus.FAILED;
            case "canceled" -> PaymentStatus.CANCELLED;
            case "requires_action" -> PaymentStatus.REQUIRES_ACTION;
            default -> PaymentStatus.PENDING;
        };
    }

    private static Map<String, Object> errorSummary(StripeError error) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("type", error.getType());
        summary.put("code", error.getCode());
        summary.put("decline_code", error.getDeclineCode());
        summary.put("message", error.getMessage());
        return summary;
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
