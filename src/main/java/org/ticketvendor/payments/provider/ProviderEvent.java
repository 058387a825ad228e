package org.ticketvendor.payments.provider;

import java.util.List;
import java.util.Map;

/**
 * A verified event from a provider's webhook, reduced to what the module acts on.
 *
 * @param provider the provider's name
 * @param id the provider's event id, unique per provider
 * @param type e.g. {@code payment_intent.succeeded}
 * @param summary what is kept in {@code payment_webhook_events.payload}: ids, type, statuses and
 *     amounts, never card data or personal details
 * @param payment the payment intent it reports, or null
 * @param refunds the refunds it reports, or null
 */
public record ProviderEvent(
        String provider,
        String id,
        String type,
        Map<String, Object> summary,
        ProviderPayment payment,
        ReportedRefunds refunds) {

    /**
     * Refunds of a payment intent as a charge event reports them.
     *
     * @param providerPaymentId the refunded payment intent
     * @param amountRefundedMinor the total refunded so far
     * @param refunds the individual refunds, when the event lists them (newer API versions do not)
     */
    public record ReportedRefunds(String providerPaymentId, long amountRefundedMinor, List<ReportedRefund> refunds) {}

    /**
     * One refund in a charge event.
     *
     * @param refund the refund
     * @param idempotencyKey the key this module created it with (kept in its metadata), or null for a
     *     refund made elsewhere, e.g. in the provider's dashboard
     */
    public record ReportedRefund(ProviderRefund refund, String idempotencyKey) {}
}
