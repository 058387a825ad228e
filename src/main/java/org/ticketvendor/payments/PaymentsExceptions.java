package org.ticketvendor.payments;

import org.springframework.http.HttpStatus;
import org.ticketvendor.platform.ApiException;

/** The errors the payments module reports; each reaches a client as a problem with a stable code. */
public final class PaymentsExceptions {

    private PaymentsExceptions() {}

    /** A reference, amount or currency the module cannot charge (a caller's bug, not the buyer's). */
    public static final class InvalidPaymentException extends ApiException {
        public InvalidPaymentException(String detail) {
            super(HttpStatus.BAD_REQUEST, "invalid_payment", "Invalid payment", detail);
        }
    }

    /** No charge for this reference, or no such provider payment. */
    public static final class PaymentNotFoundException extends ApiException {
        public PaymentNotFoundException() {
            super(HttpStatus.NOT_FOUND, "payment_not_found", "Payment not found", "No such payment.");
        }
    }

    /** The reference already has a charge, for a different amount or currency. */
    public static final class PaymentReferenceConflictException extends ApiException {
        public PaymentReferenceConflictException(long amountMinor, String currency) {
            super(
                    HttpStatus.CONFLICT,
                    "payment_reference_conflict",
                    "Payment already started",
                    "This reference already has a charge of " + amountMinor + " " + currency
                            + "; a reference is charged once.");
            with("amount_minor", amountMinor);
            with("currency", currency);
        }
    }

    /** Only a succeeded charge can be refunded. */
    public static final class PaymentNotRefundableException extends ApiException {
        public PaymentNotRefundableException(PaymentStatus status) {
            super(
                    HttpStatus.CONFLICT,
                    "payment_not_refundable",
                    "Payment not refundable",
                    "The payment is " + status.value() + "; only a succeeded payment can be refunded.");
            with("status", status.value());
        }
    }

    /** The refund asks for more than is left of the charge after earlier refunds. */
    public static final class RefundExceedsPaymentException extends ApiException {
        private final long refundableMinor;

        public RefundExceedsPaymentException(long refundableMinor) {
            super(
                    HttpStatus.CONFLICT,
                    "refund_exceeds_payment",
                    "Refund exceeds payment",
                    "At most " + refundableMinor + " can still be refunded.");
            with("refundable_minor", refundableMinor);
            this.refundableMinor = refundableMinor;
        }

        /** What is still left of the charge. */
        public long refundableMinor() {
            return refundableMinor;
        }
    }

    /** The payment can no longer be cancelled (it succeeded, or the provider is already settling it). */
    public static final class PaymentNotCancellableException extends ApiException {
        public PaymentNotCancellableException(PaymentStatus status) {
            super(
                    HttpStatus.CONFLICT,
                    "payment_not_cancellable",
                    "Payment not cancellable",
                    "The payment is " + status.value() + " and can no longer be cancelled.");
            with("status", status.value());
        }
    }

    /** The provider's payment is not in a state that allows this step (e.g. paying a paid intent). */
    public static final class PaymentStateException extends ApiException {
        public PaymentStateException(String detail) {
            super(HttpStatus.CONFLICT, "payment_unexpected_state", "Unexpected payment state", detail);
        }
    }

    /**
     * The provider refused the request, could not be reached (502), or did not answer in time (504).
     * Nothing is lost: the intent is recorded, and calling again repeats the provider request under the
     * same idempotency key.
     */
    public static final class PaymentProviderException extends ApiException {

        private final boolean outcomeUnknown;

        /** A definite refusal, or a request that never reached the provider: nothing happened there. */
        public PaymentProviderException(String provider, String providerCode, String detail) {
            this(
                    HttpStatus.BAD_GATEWAY,
                    "payment_provider_error",
                    "Payment provider error",
                    provider,
                    providerCode,
                    detail,
                    false);
        }

        private PaymentProviderException(
                HttpStatus status,
                String code,
                String title,
                String provider,
                String providerCode,
                String detail,
                boolean outcomeUnknown) {
            super(status, code, title, detail);
            this.outcomeUnknown = outcomeUnknown;
            with("provider", provider);
            if (providerCode != null) {
                with("provider_code", providerCode);
            }
        }

        /**
         * The request reached the provider but its answer did not come back readable (a connection cut
         * mid-answer, a 5xx, garbage): the provider may have acted. A 502.
         */
        public static PaymentProviderException outcomeUnknown(String provider, String providerCode, String detail) {
            return new PaymentProviderException(
                    HttpStatus.BAD_GATEWAY,
                    "payment_provider_error",
                    "Payment provider error",
                    provider,
                    providerCode,
                    detail,
                    true);
        }

        /** The provider did not answer within the configured timeouts; it may have acted. A 504. */
        public static PaymentProviderException timeout(String provider, String detail) {
            return new PaymentProviderException(
                    HttpStatus.GATEWAY_TIMEOUT,
                    "payment_provider_timeout",
                    "Payment provider timeout",
                    provider,
                    "timeout",
                    detail,
                    true);
        }

        public String providerCode() {
            Object code = properties().get("provider_code");
            return code == null ? null : code.toString();
        }

        /**
         * Whether the provider may have done what was asked although the call failed: only repeating it
         * under the same idempotency key (or looking it up) tells.
         */
        public boolean outcomeUnknown() {
            return outcomeUnknown;
        }
    }

    /** A webhook whose signature is missing, forged, or too old to trust. */
    public static final class InvalidWebhookSignatureException extends ApiException {
        public InvalidWebhookSignatureException() {
            super(
                    HttpStatus.BAD_REQUEST,
                    "invalid_webhook_signature",
                    "Invalid webhook signature",
                    "The Stripe-Signature header does not match the payload, or its timestamp is too old.");
        }
    }

    /** A webhook payload that is signed but not a Stripe event. */
    public static final class InvalidWebhookPayloadException extends ApiException {
        public InvalidWebhookPayloadException() {
            super(HttpStatus.BAD_REQUEST, "invalid_webhook_payload", "Invalid webhook payload", "Not a Stripe event.");
        }
    }

    /** Stripe webhooks arrive while payments run in test mode, or without a webhook secret to verify them. */
    public static final class WebhooksDisabledException extends ApiException {
        public WebhooksDisabledException(String detail) {
            super(HttpStatus.NOT_FOUND, "webhooks_disabled", "Webhooks disabled", detail);
        }
    }

    /** The test-mode endpoints exist only while payments run in test mode. */
    public static final class TestModeInactiveException extends ApiException {
        public TestModeInactiveException() {
            super(
                    HttpStatus.NOT_FOUND,
                    "test_mode_inactive",
                    "Test mode inactive",
                    "Payments run through Stripe; the test-mode provider is off.");
        }
    }
}
