package org.ticketvendor.identity;

import java.util.Map;
import org.ticketvendor.platform.Auditable;

/** A user became a promoter with a profile. */
public record PromoterProfileCreated(PromoterId promoterId, UserId userId, String companyName) implements Auditable {

    @Override
    public String action() {
        return "promoter.created";
    }

    @Override
    public String entityType() {
        return "promoter";
    }

    @Override
    public String entityId() {
        return promoterId.toString();
    }

    @Override
    public Map<String, Object> after() {
        return Map.of("user_id", userId.toString(), "company_name", companyName);
    }
}
