package org.ticketvendor.payments.testmode;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.ticketvendor.payments.PaymentsExceptions.PaymentNotFoundException;
import org.ticketvendor.payments.PaymentsExceptions.PaymentStateException;
import org.ticketvendor.payments.PaymentsExceptions.TestModeInactiveException;
import org.ticketvendor.payments.ledger.PaymentLedger;
import org.ticketvendor.payments.provider.PaymentProvider;
import org.ticketvendor.payments.provider.ProviderPayment;

/**
 * Paying in test mode: the client's part (what Stripe.js does with a card) followed by what a
 * webhook would bring. The provider-side change commits first; then the outcome is recorded like a
 * webhook, publishing the payment's events. Should recording fail (a listener throws), the client
 * still sees its payment made, as with Stripe, and the next check records it.
 */
@Component
public class TestModeCheckout {

    private static final Logger log = LoggerFactory.getLogger(TestModeCheckout.class);

    private final PaymentProvider provider;
    private final PaymentLedger ledger;

    TestModeCheckout(PaymentProvider provider, PaymentLedger ledger) {
        this.provider = provider;
        this.ledger = ledger;
    }

    /**
     * Pays a test-mode intent with a test card.
     *
     * @throws TestModeInactiveException when payments run through Stripe
     * @throws PaymentNotFoundException when there is no such intent
     * @throws PaymentStateException when the intent awaits no payment
     */
    public ProviderPayment pay(String providerPaymentId, TestCard card) {
        if (!(provider instanceof TestModePaymentProvider testMode)) {
            throw new TestModeInactiveException();
        }
        ProviderPayment paid = testMode.pay(providerPaymentId, card);
        try {
            ledger.recordReported(testMode.name(), paid);
        } catch (RuntimeException e) {
            // Like a webhook that failed: the payment stands at the provider, and the next check records it.
            log.warn("Recording test-mode payment {} failed; a later check will record it", providerPaymentId, e);
        }
        return paid;
    }
}
