package org.ticketvendor.payments;

import java.util.Map;
import org.ticketvendor.platform.Auditable;

/**
 * The charge for a reference succeeded: the money is taken. Published exactly once per reference, in
 * the transaction that records it, whether learnt from a status check, a webhook or the test-mode
 * provider; a listener that throws rolls the recording back (and a webhook is then retried).
 */
public record PaymentSucceeded(
        String reference, String provider, String providerPaymentId, long amountMinor, String currency)
        implements Auditable {

    @Override
    public String action() {
        return "payment.succeeded";
    }

    @Override
    public String entityType() {
        return "payment";
    }

    @Override
    public String entityId() {
        return reference;
    }

    @Override
    public Map<String, Object> after() {
        return Map.of(
                "provider", provider,
                "provider_payment_id", providerPaymentId,
                "amount_minor", amountMinor,
                "currency", currency);
    }
}
