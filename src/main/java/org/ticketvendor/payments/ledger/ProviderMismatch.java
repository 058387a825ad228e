package org.ticketvendor.payments.ledger;

import org.ticketvendor.payments.PaymentsExceptions.PaymentProviderException;
import org.ticketvendor.payments.persistence.PaymentTransactionRepository.TransactionRow;

/** A payment made with a provider that is no longer the configured one cannot be reached. */
public final class ProviderMismatch {

    private ProviderMismatch() {}

    public static PaymentProviderException of(TransactionRow row) {
        return new PaymentProviderException(
                row.provider(),
                "provider_inactive",
                "This payment was made with the " + row.provider() + " provider, which is not configured now.");
    }
}
