package org.ticketvendor.payments.provider;

import java.util.Map;
import org.ticketvendor.payments.PaymentStatus;

/**
 * A refund as the provider reports it.
 *
 * @param id the provider's refund id
 * @param status mapped to ours: pending, succeeded, failed or cancelled
 * @param amountMinor refunded amount in minor units
 * @param failureReason why it failed, when it did
 * @param summary what is kept in {@code payment_transactions.raw}
 */
public record ProviderRefund(
        String id, PaymentStatus status, long amountMinor, String failureReason, Map<String, Object> summary) {}
