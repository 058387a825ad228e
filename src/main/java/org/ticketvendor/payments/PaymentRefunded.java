package org.ticketvendor.payments;

import java.util.LinkedHashMap;
import java.util.Map;
import org.ticketvendor.platform.Auditable;

/**
 * Money of a reference's charge was refunded (partly or fully), through this module or, learnt from a
 * webhook, from the provider's dashboard. Published once per refund.
 *
 * @param status {@link PaymentStatus#SUCCEEDED} or, while the provider still works on it, {@link
 *     PaymentStatus#PENDING}
 * @param external true when the refund was made outside this application (e.g. in the provider's
 *     dashboard): nothing here decided which tickets it pays back
 */
public record PaymentRefunded(
        String reference,
        String provider,
        String providerRefundId,
        long amountMinor,
        String currency,
        String reason,
        PaymentStatus status,
        boolean external)
        implements Auditable {

    @Override
    public String action() {
        return "payment.refunded";
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
        after.put("provider_refund_id", providerRefundId);
        after.put("amount_minor", amountMinor);
        after.put("currency", currency);
        after.put("reason", reason);
        after.put("status", status.value());
        after.put("external", external);
        return after;
    }
}
