package org.ticketvendor.payments.ledger;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.ticketvendor.payments.PaymentCancelled;
import org.ticketvendor.payments.PaymentFailed;
import org.ticketvendor.payments.PaymentRefunded;
import org.ticketvendor.payments.PaymentStatus;
import org.ticketvendor.payments.PaymentSucceeded;
import org.ticketvendor.payments.PaymentsExceptions.PaymentNotFoundException;
import org.ticketvendor.payments.PaymentsExceptions.PaymentNotRefundableException;
import org.ticketvendor.payments.PaymentsExceptions.RefundExceedsPaymentException;
import org.ticketvendor.payments.persistence.PaymentTransactionRepository;
import org.ticketvendor.payments.persistence.PaymentTransactionRepository.TransactionRow;
import org.ticketvendor.payments.persistence.WebhookEventRepository;
import org.ticketvendor.payments.provider.ProviderEvent;
import org.ticketvendor.payments.provider.ProviderEvent.ReportedRefund;
import org.ticketvendor.payments.provider.ProviderEvent.ReportedRefunds;
import org.ticketvendor.payments.provider.ProviderPayment;
import org.ticketvendor.payments.provider.ProviderRefund;

/**
 * The recording side of payments: each method is one short database transaction and never calls a
 * provider (the {@link org.ticketvendor.payments.Payments} facade calls the provider between two of
 * them). State changes are conditional updates, and only the transaction that made a change
 * publishes its event, so {@link PaymentSucceeded} and friends are published exactly once however
 * many checks, webhooks and retries race. Listeners run inside that transaction: if one throws, the
 * change (and a webhook's event id) rolls back with it.
 */
@Component
public class PaymentLedger {

    private static final Logger log = LoggerFactory.getLogger(PaymentLedger.class);

    private final PaymentTransactionRepository transactions;
    private final WebhookEventRepository webhookEvents;
    private final ApplicationEventPublisher events;

    PaymentLedger(
            PaymentTransactionRepository transactions,
            WebhookEventRepository webhookEvents,
            ApplicationEventPublisher events) {
        this.transactions = transactions;
        this.webhookEvents = webhookEvents;
        this.events = events;
    }

    /** A refund row written before the provider is asked, with the charge it refunds. */
    public record OpenedRefund(TransactionRow charge, TransactionRow refund) {}

    /** The reference's charge: a new pending one, or the one it already has. */
    @Transactional
    public TransactionRow openCharge(
            String reference, String provider, long amountMinor, String currency, String idempotencyKey) {
        transactions.insertChargeIfAbsent(reference, provider, amountMinor, currency, idempotencyKey);
        return transactions.findCharge(reference).orElseThrow();
    }

    @Transactional(readOnly = true)
    public Optional<TransactionRow> charge(String reference) {
        return transactions.findCharge(reference);
    }

    /** Records the intent the provider created for a charge, and its status. */
    @Transactional
    public TransactionRow recordCreated(UUID chargeId, ProviderPayment payment) {
        TransactionRow charge = transactions
                .attachProviderIds(chargeId, payment.id(), payment.clientSecret(), payment.summary())
                .orElseGet(() -> transactions.findById(chargeId).orElseThrow());
        if (charge.status() == payment.status()) {
            return charge; // The usual case, a new payment waiting for the buyer: nothing moved, raw already kept.
        }
        return apply(charge, payment);
    }

    /** Records what the provider reported for a charge (a status check). */
    @Transactional
    public TransactionRow record(UUID chargeId, ProviderPayment payment) {
        return apply(transactions.findById(chargeId).orElseThrow(), payment);
    }

    /** Records a payment the provider reported on its own (the test-mode provider's "webhook"). */
    @Transactional
    public Optional<TransactionRow> recordReported(String provider, ProviderPayment payment) {
        return chargeOf(provider, payment).map(charge -> apply(charge, payment));
    }

    /**
     * Cancels a charge the provider never confirmed creating (no provider id recorded): no client
     * can have its secret, so nobody can pay it.
     */
    @Transactional
    public TransactionRow cancelUnstarted(UUID chargeId) {
        TransactionRow charge = transactions.findById(chargeId).orElseThrow();
        return apply(
                charge,
                new ProviderPayment(
                        null,
                        PaymentStatus.CANCELLED,
                        null,
                        charge.reference(),
                        charge.amountMinor(),
                        charge.currency(),
                        null,
                        null,
                        Map.of("cancelled", "before the provider was reached")));
    }

    /** Notes a failed provider call on a row, keeping its status: the call may be repeated. */
    @Transactional
    public void recordProviderError(UUID id, String code, String message) {
        transactions.recordFailure(id, code, message);
    }

    /**
     * Applies a verified webhook event once: its id is stored in the same transaction as its effect,
     * so a replay (or a concurrent duplicate, which waits for the first) finds it and does nothing.
     *
     * @return false for a duplicate
     */
    @Transactional
    public boolean recordEvent(ProviderEvent event) {
        if (!webhookEvents.insertIfAbsent(event.provider(), event.id(), event.type(), event.summary())) {
            return false;
        }
        if (event.payment() != null) {
            ProviderPayment payment = event.payment();
            chargeOf(event.provider(), payment).ifPresent(charge -> {
                TransactionRow known = charge.providerPaymentId() != null
                        ? charge
                        : transactions
                                .attachProviderIds(charge.id(), payment.id(), payment.clientSecret(), payment.summary())
                                .orElse(charge);
                apply(known, payment);
            });
        }
        if (event.refunds() != null) {
            recordReportedRefunds(event, event.refunds());
        }
        return true;
    }

    /** The transaction recorded under this idempotency key, if any. */
    @Transactional(readOnly = true)
    public Optional<TransactionRow> byIdempotencyKey(String key) {
        return transactions.findByIdempotencyKey(key);
    }

    /**
     * Writes a pending refund row after checking, with the charge locked, that the charge succeeded
     * and that the amount fits in what earlier refunds left.
     */
    @Transactional
    public OpenedRefund openRefund(
            String reference, String provider, long amountMinor, String reason, String idempotencyKey) {
        TransactionRow charge = transactions.lockCharge(reference).orElseThrow(PaymentNotFoundException::new);
        if (!charge.provider().equals(provider)) {
            throw ProviderMismatch.of(charge);
        }
        if (charge.status() != PaymentStatus.SUCCEEDED) {
            throw new PaymentNotRefundableException(charge.status());
        }
        long refundable = charge.amountMinor() - transactions.refundedMinor(reference);
        if (amountMinor > refundable) {
            throw new RefundExceedsPaymentException(refundable);
        }
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("payment_intent", charge.providerPaymentId());
        raw.put("reason", reason);
        TransactionRow refund = transactions.insertRefund(
                reference,
                charge.provider(),
                null,
                PaymentStatus.PENDING,
                amountMinor,
                charge.currency(),
                idempotencyKey,
                raw);
        return new OpenedRefund(charge, refund);
    }

    /** Records the provider's refund; announces it unless a webhook already did. */
    @Transactional
    public TransactionRow recordRefund(TransactionRow refund, ProviderRefund result, String reason) {
        Optional<TransactionRow> claimed = transactions.claimRefund(
                refund.id(), result.id(), result.status(), result.failureReason(), result.summary());
        claimed.ifPresentOrElse(
                row -> announceRefund(row, reason, false),
                () -> transactions.updateRefundStatus(refund.id(), result.status(), result.failureReason()));
        return transactions.findById(refund.id()).orElseThrow();
    }

    /** The provider refused a refund: it no longer counts against the charge. */
    @Transactional
    public void refundFailed(UUID refundId, String code, String message) {
        transactions.updateRefundStatus(refundId, PaymentStatus.FAILED, code);
        transactions.recordFailure(refundId, code, message);
    }

    private Optional<TransactionRow> chargeOf(String provider, ProviderPayment payment) {
        return transactions
                .findByProviderId(provider, "charge", payment.id())
                .or(() -> payment.reference() == null
                        ? Optional.empty()
                        : transactions
                                .findCharge(payment.reference())
                                .filter(c -> c.provider().equals(provider) && c.providerPaymentId() == null));
    }

    private TransactionRow apply(TransactionRow charge, ProviderPayment payment) {
        boolean failed = payment.status() == PaymentStatus.FAILED;
        Optional<TransactionRow> moved = transactions.transition(
                charge.id(),
                payment.status(),
                failed ? payment.failureCode() : null,
                failed ? payment.failureMessage() : null,
                payment.summary());
        if (moved.isEmpty()) {
            transactions.recordRaw(charge.id(), payment.summary());
            return transactions.findById(charge.id()).orElseThrow();
        }
        TransactionRow row = moved.get();
        switch (row.status()) {
            case SUCCEEDED -> {
                if (payment.amountMinor() != row.amountMinor()) {
                    log.warn(
                            "Provider reports {} for payment {}, which was started for {}",
                            payment.amountMinor(),
                            row.providerPaymentId(),
                            row.amountMinor());
                }
                events.publishEvent(new PaymentSucceeded(
                        row.reference(), row.provider(), row.providerPaymentId(), row.amountMinor(), row.currency()));
            }
            case FAILED ->
                events.publishEvent(new PaymentFailed(
                        row.reference(), payment.failureCode() == null ? "payment_failed" : payment.failureCode()));
            case CANCELLED ->
                events.publishEvent(new PaymentCancelled(row.reference(), row.provider(), row.providerPaymentId()));
            default -> {}
        }
        return row;
    }

    private void recordReportedRefunds(ProviderEvent event, ReportedRefunds reported) {
        Optional<TransactionRow> found =
                transactions.findByProviderId(event.provider(), "charge", reported.providerPaymentId());
        if (found.isEmpty()) {
            return;
        }
        TransactionRow charge = found.get();
        for (ReportedRefund each : reported.refunds()) {
            ProviderRefund refund = each.refund();
            Optional<TransactionRow> known = transactions.findByProviderId(event.provider(), "refund", refund.id());
            if (known.isPresent()) {
                transactions.updateRefundStatus(known.get().id(), refund.status(), refund.failureReason());
                continue;
            }
            Optional<TransactionRow> claimed = Optional.ofNullable(each.idempotencyKey())
                    .flatMap(transactions::findByIdempotencyKey)
                    .filter(r -> r.kind().equals("refund") && r.reference().equals(charge.reference()))
                    .flatMap(r -> transactions.claimRefund(
                            r.id(), refund.id(), refund.status(), refund.failureReason(), refund.summary()));
            if (claimed.isPresent()) {
                announceRefund(claimed.get(), reasonOf(refund), false);
            } else if (each.idempotencyKey() == null) {
                announceRefund(
                        transactions.insertRefund(
                                charge.reference(),
                                event.provider(),
                                refund.id(),
                                refund.status(),
                                refund.amountMinor(),
                                charge.currency(),
                                "refund:" + refund.id(),
                                refund.summary()),
                        reasonOf(refund),
                        true);
            }
        }
        if (reported.refunds().isEmpty()) {
            long missing = reported.amountRefundedMinor() - transactions.refundedMinor(charge.reference());
            if (missing > 0) {
                announceRefund(
                        transactions.insertRefund(
                                charge.reference(),
                                event.provider(),
                                null,
                                PaymentStatus.SUCCEEDED,
                                missing,
                                charge.currency(),
                                "refund:event:" + event.id(),
                                Map.of("event", event.id(), "amount_refunded", reported.amountRefundedMinor())),
                        "refunded_at_provider",
                        true);
            }
        }
    }

    private static String reasonOf(ProviderRefund refund) {
        Object reason = refund.summary().get("reason");
        return reason == null ? "refunded_at_provider" : reason.toString();
    }

    private void announceRefund(TransactionRow refund, String reason, boolean external) {
        if (refund.status() == PaymentStatus.FAILED || refund.status() == PaymentStatus.CANCELLED) {
            return;
        }
        events.publishEvent(new PaymentRefunded(
                refund.reference(),
                refund.provider(),
                refund.providerPaymentId(),
                refund.amountMinor(),
                refund.currency(),
                reason,
                refund.status(),
                external));
    }
}
