package org.ticketvendor.payments;

import java.util.LinkedHashMap;
import java.util.Map;
import org.ticketvendor.platform.Auditable;

/**
 * The charge for a reference was cancelled before it succeeded; no money moves any more. {@code
 * providerPaymentId} is null when it was cancelled before the provider was ever reached.
 */
public record PaymentCancelled(String reference, String provider, String providerPaymentId) implements Auditable {

    @Override
    public String action() {
        return "payment.cancelled";
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
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("provider", provider);
        after.put("provider_payment_id", providerPaymentId);
        return after;
    }
}
