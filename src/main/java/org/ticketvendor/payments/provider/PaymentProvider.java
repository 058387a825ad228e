package org.ticketvendor.payments.provider;

import org.ticketvendor.payments.PaymentsExceptions.PaymentProviderException;

/**
 * Who moves the money: Stripe, or the built-in test-mode provider when no Stripe key is configured.
 * Exactly one is active. Every method is a remote call in spirit: callers never hold a database
 * transaction open across one. Failures surface as {@link PaymentProviderException}.
 */
public interface PaymentProvider {

    /** Stored in {@code payment_transactions.provider}: {@code stripe} or {@code test}. */
    String name();

    /**
     * Creates the provider's payment intent. Repeating the call with the same idempotency key
     * returns the same intent, never a second one.
     */
    ProviderPayment create(String idempotencyKey, String reference, long amountMinor, String currency);

    /** The intent's current state at the provider. */
    ProviderPayment retrieve(String providerPaymentId);

    /** Cancels an intent that has not succeeded; refused by the provider once it has. */
    ProviderPayment cancel(String providerPaymentId);

    /** Refunds part or all of a succeeded intent; idempotent per key like {@link #create}. */
    ProviderRefund refund(String idempotencyKey, String providerPaymentId, long amountMinor, String reason);
}
