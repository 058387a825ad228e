package org.ticketvendor.payments;

/**
 * A refund of (part of) a reference's charge.
 *
 * @param reference the charge's reference
 * @param providerRefundId the provider's id ({@code re_...} or {@code tm_re_...})
 * @param amountMinor the refunded amount in minor units
 * @param status {@link PaymentStatus#SUCCEEDED} once the money is on its way back, {@link
 *     PaymentStatus#PENDING} while the provider still works on it
 */
public record Refund(String reference, String providerRefundId, long amountMinor, PaymentStatus status) {}
