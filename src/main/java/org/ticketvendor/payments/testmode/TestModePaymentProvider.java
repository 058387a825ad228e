package org.ticketvendor.payments.testmode;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.ticketvendor.payments.PaymentStatus;
import org.ticketvendor.payments.PaymentsExceptions.PaymentNotFoundException;
import org.ticketvendor.payments.PaymentsExceptions.PaymentProviderException;
import org.ticketvendor.payments.PaymentsExceptions.PaymentStateException;
import org.ticketvendor.payments.PaymentsSettings;
import org.ticketvendor.payments.persistence.TestModeRepository;
import org.ticketvendor.payments.persistence.TestModeRepository.TestIntentRow;
import org.ticketvendor.payments.persistence.TestModeRepository.TestRefundRow;
import org.ticketvendor.payments.provider.PaymentProvider;
import org.ticketvendor.payments.provider.ProviderPayment;
import org.ticketvendor.payments.provider.ProviderRefund;

/**
 * The built-in provider used only when no Stripe key is configured: no money moves. It behaves like
 * a small Stripe (intents {@code tm_pi_...} with client secrets, idempotency keys, cancel, partial
 * refunds) and keeps its state in the database, so it works on many instances and across restarts.
 * The client pays with one of the {@link TestCard}s.
 */
public class TestModePaymentProvider implements PaymentProvider {

    public static final String NAME = "test";

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final TestModeRepository intents;
    private final PaymentsSettings.TestMode settings;
    private final Clock clock;

    public TestModePaymentProvider(TestModeRepository intents, PaymentsSettings.TestMode settings, Clock clock) {
        this.intents = intents;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ProviderPayment create(String idempotencyKey, String reference, long amountMinor, String currency) {
        String id = "tm_pi_" + random(24);
        TestIntentRow intent = intents.createIfAbsent(
                id, idempotencyKey, id + "_secret_" + random(24), reference, amountMinor, currency);
        if (intent.amountMinor() != amountMinor || !intent.currency().equals(currency)) {
            throw new PaymentProviderException(
                    NAME, "idempotency_error", "The idempotency key was used for another amount.");
        }
        return payment(intent);
    }

    @Override
    public ProviderPayment retrieve(String providerPaymentId) {
        TestIntentRow intent = intents.settleIfDue(providerPaymentId, clock.instant())
                .or(() -> intents.find(providerPaymentId))
                .orElseThrow(TestModePaymentProvider::missing);
        return payment(intent);
    }

    @Override
    public ProviderPayment cancel(String providerPaymentId) {
        TestIntentRow intent = intents.cancel(providerPaymentId)
                .or(() -> intents.find(providerPaymentId).filter(i -> i.status().equals("canceled")))
                .orElseThrow(() -> {
                    TestIntentRow current =
                            intents.find(providerPaymentId).orElseThrow(TestModePaymentProvider::missing);
                    return new PaymentProviderException(
                            NAME,
                            "payment_intent_unexpected_state",
                            "A " + current.status() + " payment intent cannot be cancelled.");
                });
        return payment(intent);
    }

    @Override
    public ProviderRefund refund(String idempotencyKey, String providerPaymentId, long amountMinor, String reason) {
        TestRefundRow refund = intents.refund("tm_re_" + random(24), idempotencyKey, providerPaymentId, amountMinor)
                .orElseThrow(() -> {
                    TestIntentRow intent =
                            intents.find(providerPaymentId).orElseThrow(TestModePaymentProvider::missing);
                    return intent.status().equals("succeeded")
                            ? new PaymentProviderException(
                                    NAME, "amount_too_large", "The refund exceeds what is left of the payment.")
                            : new PaymentProviderException(
                                    NAME, "charge_not_succeeded", "Only a succeeded payment can be refunded.");
                });
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("id", refund.id());
        summary.put("object", "refund");
        summary.put("payment_intent", refund.intentId());
        summary.put("amount", refund.amountMinor());
        summary.put("status", "succeeded");
        summary.put("test_mode", true);
        return new ProviderRefund(refund.id(), PaymentStatus.SUCCEEDED, refund.amountMinor(), null, summary);
    }

    /**
     * The client pays an intent with a test card, like Stripe.js confirming a PaymentIntent.
     *
     * @throws PaymentNotFoundException when there is no such intent
     * @throws PaymentStateException when the intent awaits no payment (paid, processing, cancelled)
     */
    public ProviderPayment pay(String providerPaymentId, TestCard card) {
        Optional<TestIntentRow> attempted =
                switch (card) {
                    case SUCCEEDS -> intents.attempt(providerPaymentId, card.id(), "succeeded", null, null);
                    case DECLINES ->
                        intents.attempt(providerPaymentId, card.id(), "requires_payment_method", "card_declined", null);
                    case DELAYED ->
                        intents.attempt(
                                providerPaymentId,
                                card.id(),
                                "processing",
                                null,
                                clock.instant().plus(settings.delay()));
                };
        TestIntentRow paid = attempted.orElseThrow(() -> {
            TestIntentRow current = intents.find(providerPaymentId).orElseThrow(PaymentNotFoundException::new);
            return new PaymentStateException("The payment intent is " + current.status() + " and awaits no payment.");
        });
        return payment(paid);
    }

    private static ProviderPayment payment(TestIntentRow intent) {
        PaymentStatus status =
                switch (intent.status()) {
                    case "succeeded" -> PaymentStatus.SUCCEEDED;
                    case "processing" -> PaymentStatus.PROCESSING;
                    case "canceled" -> PaymentStatus.CANCELLED;
                    default -> intent.lastErrorCode() == null ? PaymentStatus.PENDING : PaymentStatus.FAILED;
                };
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("id", intent.id());
        summary.put("object", "payment_intent");
        summary.put("amount", intent.amountMinor());
        summary.put("currency", intent.currency());
        summary.put("status", intent.status());
        summary.put("payment_method", intent.paymentMethod());
        summary.put("last_payment_error", intent.lastErrorCode());
        summary.put("amount_refunded", intent.refundedMinor());
        summary.put("test_mode", true);
        return new ProviderPayment(
                intent.id(),
                status,
                intent.clientSecret(),
                intent.reference(),
                intent.amountMinor(),
                intent.currency(),
                intent.lastErrorCode(),
                intent.lastErrorCode() == null ? null : "Your card was declined (test mode).",
                summary);
    }

    private static PaymentProviderException missing() {
        return new PaymentProviderException(NAME, "resource_missing", "No such test-mode payment intent.");
    }

    private static String random(int length) {
        StringBuilder result = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            result.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return result.toString();
    }
}
