package org.ticketvendor.payments;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.ticketvendor.payments.PaymentsExceptions.InvalidPaymentException;
import org.ticketvendor.payments.PaymentsExceptions.PaymentNotCancellableException;
import org.ticketvendor.payments.PaymentsExceptions.PaymentNotFoundException;
import org.ticketvendor.payments.PaymentsExceptions.PaymentNotRefundableException;
import org.ticketvendor.payments.PaymentsExceptions.PaymentProviderException;
import org.ticketvendor.payments.PaymentsExceptions.PaymentReferenceConflictException;
import org.ticketvendor.payments.PaymentsExceptions.RefundExceedsPaymentException;
import org.ticketvendor.payments.ledger.PaymentLedger;
import org.ticketvendor.payments.ledger.PaymentLedger.OpenedRefund;
import org.ticketvendor.payments.ledger.ProviderMismatch;
import org.ticketvendor.payments.persistence.PaymentTransactionRepository.TransactionRow;
import org.ticketvendor.payments.provider.PaymentProvider;
import org.ticketvendor.payments.provider.ProviderPayment;
import org.ticketvendor.payments.provider.ProviderRefund;

/**
 * Payments for an opaque reference: the payments module's API.
 *
 * <p>No method holds a database transaction while it talks to the provider: each writes its intent
 * and commits, calls the provider, then records the result in a second short transaction. Call them
 * outside your own transaction for the same reason (a remote call would otherwise keep it open).
 * Events ({@link PaymentSucceeded}, {@link PaymentFailed}, {@link PaymentRefunded}, {@link
 * PaymentCancelled}) are published in the recording transaction, exactly once per change, whether
 * the change is learnt here, from a webhook, or from the test-mode provider.
 */
@Service
public class Payments {

    private static final Logger log = LoggerFactory.getLogger(Payments.class);
    private static final Pattern CURRENCY = Pattern.compile("^[A-Z]{3}$");
    private static final int MAX_REFERENCE = 200;
    private static final int MAX_REASON = 500;

    private final PaymentLedger ledger;
    private final PaymentProvider provider;

    Payments(PaymentLedger ledger, PaymentProvider provider) {
        this.ledger = ledger;
        this.provider = provider;
    }

    /** The active provider: {@code stripe}, or {@code test} when no Stripe key is configured. */
    public String provider() {
        return provider.name();
    }

    /**
     * Starts the charge for a reference, or returns the one it has: a reference is charged at most
     * once, also when called again or concurrently. The provider's intent is created with an
     * idempotency key derived from the reference, so a retry after a crash or timeout finds the same
     * intent instead of making a second one.
     *
     * @param amountMinor the amount in minor units, positive
     * @param currency ISO 4217 code, upper case
     * @throws InvalidPaymentException when the reference, amount or currency is unusable
     * @throws PaymentReferenceConflictException when the reference has a charge of another amount
     * @throws PaymentProviderException when the provider refused or could not be reached (calling
     *     again retries safely)
     */
    public PaymentIntent start(String reference, long amountMinor, String currency) {
        requireReference(reference);
        if (amountMinor <= 0) {
            throw new InvalidPaymentException("The amount must be positive.");
        }
        if (currency == null || !CURRENCY.matcher(currency).matches()) {
            throw new InvalidPaymentException("The currency must be an upper-case ISO 4217 code.");
        }
        TransactionRow charge =
                ledger.openCharge(reference, provider.name(), amountMinor, currency, "charge:" + reference);
        if (charge.amountMinor() != amountMinor || !charge.currency().equals(currency)) {
            throw new PaymentReferenceConflictException(charge.amountMinor(), charge.currency());
        }
        if (charge.providerPaymentId() != null || charge.status() == PaymentStatus.CANCELLED) {
            return intent(charge);
        }
        requireActive(charge);
        TransactionRow created = create(charge);
        if (created.status() == PaymentStatus.CANCELLED) {
            // Cancelled while the provider was creating it: make sure nobody can pay it there either.
            try {
                provider.cancel(created.providerPaymentId());
            } catch (PaymentProviderException e) {
                log.warn(
                        "Could not cancel {} at {} after it was cancelled here",
                        created.providerPaymentId(),
                        provider.name(),
                        e);
            }
        }
        return intent(created);
    }

    /** The reference's charge as last recorded, without asking the provider. */
    public Optional<PaymentIntent> find(String reference) {
        return ledger.charge(reference).map(Payments::intent);
    }

    /**
     * Asks the provider where the reference's payment stands and records it. The first time it is
     * seen succeeded, {@link PaymentSucceeded} is published in the recording transaction (a listener
     * that throws makes this method throw, and the next check tries again); a failed attempt
     * publishes {@link PaymentFailed}. A succeeded or cancelled payment is final and answered from
     * the record without a provider call.
     *
     * @throws PaymentNotFoundException when the reference has no charge
     * @throws PaymentProviderException when the provider could not be asked
     */
    public PaymentStatus check(String reference) {
        TransactionRow charge = ledger.charge(reference).orElseThrow(PaymentNotFoundException::new);
        if (charge.status().isFinal()) {
            return charge.status();
        }
        requireActive(charge);
        if (charge.providerPaymentId() == null) {
            return create(charge).status();
        }
        return ledger.record(charge.id(), provider.retrieve(charge.providerPaymentId()))
                .status();
    }

    /**
     * Refunds part or all of the reference's succeeded charge through the provider, with an
     * idempotency key of its own. Refunds of one charge are decided one at a time, so concurrent
     * refunds can never add up to more than was charged. Publishes {@link PaymentRefunded}.
     *
     * @param amountMinor positive, at most the charge minus earlier refunds
     * @param reason why, kept with the refund (Stripe's own reasons {@code duplicate}, {@code
     *     fraudulent}, {@code requested_by_customer} are passed on as such)
     * @throws PaymentNotFoundException when the reference has no charge
     * @throws PaymentNotRefundableException when the charge has not succeeded
     * @throws RefundExceedsPaymentException when the amount exceeds what is left (409)
     * @throws PaymentProviderException when the provider refused (nothing was refunded), or when its
     *     outcome is unknown: the refund then stays pending, counting against the charge, and only
     *     {@link #refund(String, long, String, String)} with the same request key can complete it, so
     *     callers that may meet a slow provider should use that one
     */
    public Refund refund(String reference, long amountMinor, String reason) {
        return refund(reference, amountMinor, reason, UUID.randomUUID().toString());
    }

    /**
     * As {@link #refund(String, long, String)}, idempotent per {@code requestKey}: a caller that
     * retries with the same key (after a crash or a lost response) never refunds twice; a refund the
     * provider already made is answered from the record, one whose call never completed is sent again
     * with the same provider idempotency key.
     */
    public Refund refund(String reference, long amountMinor, String reason, String requestKey) {
        requireReference(reference);
        if (amountMinor <= 0) {
            throw new InvalidPaymentException("The refund amount must be positive.");
        }
        if (reason == null || reason.isBlank() || reason.length() > MAX_REASON) {
            throw new InvalidPaymentException("A refund needs a reason of at most " + MAX_REASON + " characters.");
        }
        String key = "refund:" + reference + ":" + requestKey;
        Optional<TransactionRow> earlier = ledger.byIdempotencyKey(key);
        if (earlier.isPresent() && earlier.get().providerPaymentId() != null) {
            TransactionRow row = earlier.get();
            return new Refund(reference, row.providerPaymentId(), row.amountMinor(), row.status());
        }
        OpenedRefund opened = earlier.isPresent()
                ? new OpenedRefund(ledger.charge(reference).orElseThrow(PaymentNotFoundException::new), earlier.get())
                : ledger.openRefund(reference, provider.name(), amountMinor, reason, key);
        ProviderRefund result;
        try {
            result = provider.refund(key, opened.charge().providerPaymentId(), amountMinor, reason);
        } catch (PaymentProviderException e) {
            if (e.outcomeUnknown()) {
                // The provider may have refunded (a timeout, a 5xx): the refund keeps counting against the
                // charge until a retry under the same key tells, so no other refund can overdraw it meanwhile.
                ledger.recordProviderError(opened.refund().id(), e.providerCode(), e.getMessage());
            } else {
                ledger.refundFailed(opened.refund().id(), e.providerCode(), e.getMessage());
            }
            throw e;
        }
        TransactionRow recorded = ledger.recordRefund(opened.refund(), result, reason);
        return new Refund(reference, result.id(), amountMinor, recorded.status());
    }

    /**
     * Cancels the reference's charge at the provider before it succeeds (an order that expired or
     * was cancelled), so the buyer can no longer pay it. Does nothing when the reference has no
     * charge or it is already cancelled. Publishes {@link PaymentCancelled}.
     *
     * @throws PaymentNotCancellableException when the payment succeeded, or the provider is already
     *     settling it; its status is recorded first, so a success publishes {@link PaymentSucceeded}
     * @throws PaymentProviderException when the provider could not be reached
     */
    public void cancel(String reference) {
        Optional<TransactionRow> found = ledger.charge(reference);
        if (found.isEmpty() || found.get().status() == PaymentStatus.CANCELLED) {
            return;
        }
        TransactionRow charge = found.get();
        if (charge.status() == PaymentStatus.SUCCEEDED) {
            throw new PaymentNotCancellableException(PaymentStatus.SUCCEEDED);
        }
        if (charge.providerPaymentId() == null) {
            TransactionRow cancelled = ledger.cancelUnstarted(charge.id());
            if (cancelled.status() != PaymentStatus.CANCELLED) {
                throw new PaymentNotCancellableException(cancelled.status());
            }
            return;
        }
        requireActive(charge);
        ProviderPayment result;
        try {
            result = provider.cancel(charge.providerPaymentId());
        } catch (PaymentProviderException refused) {
            result = provider.retrieve(charge.providerPaymentId());
        }
        TransactionRow recorded = ledger.record(charge.id(), result);
        if (recorded.status() != PaymentStatus.CANCELLED) {
            throw new PaymentNotCancellableException(recorded.status());
        }
    }

    private TransactionRow create(TransactionRow charge) {
        ProviderPayment created;
        try {
            created = provider.create(
                    charge.idempotencyKey(), charge.reference(), charge.amountMinor(), charge.currency());
        } catch (PaymentProviderException e) {
            ledger.recordProviderError(charge.id(), e.providerCode(), e.getMessage());
            throw e;
        }
        return ledger.recordCreated(charge.id(), created);
    }

    private void requireActive(TransactionRow charge) {
        if (!charge.provider().equals(provider.name())) {
            throw ProviderMismatch.of(charge);
        }
    }

    private static void requireReference(String reference) {
        if (reference == null || reference.isBlank() || reference.length() > MAX_REFERENCE) {
            throw new InvalidPaymentException("The reference must have 1 to " + MAX_REFERENCE + " characters.");
        }
    }

    private static PaymentIntent intent(TransactionRow charge) {
        return new PaymentIntent(
                charge.reference(),
                charge.provider(),
                charge.providerPaymentId(),
                charge.clientSecret(),
                charge.status(),
                charge.amountMinor(),
                charge.currency());
    }
}
