package org.ticketvendor.tickets;

import java.util.Map;
import java.util.UUID;
import org.ticketvendor.platform.Auditable;

/** Tickets were issued for a paid order. */
public record TicketsIssued(UUID orderId, UUID holderId, int count) implements Auditable {

    @Override
    public String action() {
        return "tickets.issued";
    }

    @Override
    public String entityType() {
        return "order";
    }

    @Override
    public String entityId() {
        return orderId.toString();
    }

    @Override
    public Map<String, Object> after() {
        return Map.of("holder_id", holderId.toString(), "count", count);
    }
}
