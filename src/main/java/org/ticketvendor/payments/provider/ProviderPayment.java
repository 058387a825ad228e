package org.ticketvendor.payments.provider;

import java.util.Map;
import org.ticketvendor.payments.PaymentStatus;

/**
 * A payment intent as the provider reports it.
 *
 * @param id the provider's id
 * @param status mapped to ours
 * @param clientSecret for the client to pay with
 * @param reference our reference, as the provider keeps it (Stripe: in the metadata), or null
 * @param amountMinor amount in minor units
 * @param currency ISO code, upper case
 * @param failureCode the provider's code for the last failed attempt (e.g. {@code card_declined})
 * @param failureMessage its human-readable message
 * @param summary what is kept in {@code payment_transactions.raw}: ids, statuses, amounts and error
 *     codes, never card data or personal details
 */
public record ProviderPayment(
        String id,
        PaymentStatus status,
        String clientSecret,
        String reference,
        long amountMinor,
        String currency,
        String failureCode,
        String failureMessage,
        Map<String, Object> summary) {

    @Override
    public String toString() {
        return "ProviderPayment[id=" + id + ", status=" + status + ", failureCode=" + failureCode + "]";
    }
}
