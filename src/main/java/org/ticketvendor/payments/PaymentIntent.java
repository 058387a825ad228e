package org.ticketvendor.payments;

/**
 * A charge for a reference, as the client needs it to pay.
 *
 * @param reference the caller's opaque reference (an order id)
 * @param provider {@code stripe} or {@code test}
 * @param providerPaymentId the provider's id ({@code pi_...} or {@code tm_pi_...}); null only when
 *     the provider could not be reached yet
 * @param clientSecret what the client passes to the provider's SDK to pay; treat like a password
 * @param status where the payment stands, as last recorded
 * @param amountMinor the amount in minor units
 * @param currency ISO 4217 code, upper case
 */
public record PaymentIntent(
        String reference,
        String provider,
        String providerPaymentId,
        String clientSecret,
        PaymentStatus status,
        long amountMinor,
        String currency) {

    @Override
    public String toString() {
        return "PaymentIntent[reference=" + reference + ", provider=" + provider + ", providerPaymentId="
                + providerPaymentId + ", status=" + status + ", amountMinor=" + amountMinor + ", currency="
                + currency + ", clientSecret=<redacted>]";
    }
}
