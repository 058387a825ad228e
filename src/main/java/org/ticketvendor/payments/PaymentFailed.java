package org.ticketvendor.payments;

import java.util.Map;
import org.ticketvendor.platform.Auditable;

/**
 * A payment attempt for a reference failed, e.g. the card was declined ({@code reason} is the
 * provider's code, such as {@code card_declined}). The buyer may still try again; published once per
 * move into the failed state.
 */
public record PaymentFailed(String reference, String reason) implements Auditable {

    @Override
    public String action() {
        return "payment.failed";
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
        return Map.of("reason", reason);
    }
}
