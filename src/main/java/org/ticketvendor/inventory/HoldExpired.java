package org.ticketvendor.inventory;

import java.util.Map;
import org.ticketvendor.platform.Auditable;

/** A hold ran out before it was paid for; its seats are back on sale. */
public record HoldExpired(String reference) implements Auditable {

    @Override
    public String action() {
        return "hold.expired";
    }

    @Override
    public String entityType() {
        return "hold";
    }

    @Override
    public String entityId() {
        return reference;
    }

    @Override
    public Map<String, Object> after() {
        return Map.of("status", "expired");
    }
}
