/**
 * Payments: charges and refunds for an opaque {@code reference} (the orders module passes an order
 * id; this module never knows orders), through Stripe or, with no Stripe key configured, a clearly
 * labelled built-in test-mode provider. Every provider interaction is a {@code payment_transactions}
 * row; Stripe webhooks are verified on the raw body and stored under a unique event id in the same
 * transaction as their effect. No provider is ever called inside a database transaction: the intent
 * is written and committed first, the result recorded afterwards. Publishes {@link
 * org.ticketvendor.payments.PaymentSucceeded}, {@link org.ticketvendor.payments.PaymentFailed},
 * {@link org.ticketvendor.payments.PaymentRefunded} and {@link
 * org.ticketvendor.payments.PaymentCancelled}, each exactly once per transition and audited.
 * Depends on no business module, only the platform.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Payments")
package org.ticketvendor.payments;
