package org.ticketvendor.identity;

import java.util.Map;
import org.ticketvendor.platform.Auditable;

/** A promoter edited their profile. */
public record PromoterProfileUpdated(PromoterId promoterId, UserId userId, String companyBefore, String companyAfter)
        implements Auditable {

    @Override
    public String action() {
        return "promoter.updated";
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
    public Map<String, Object> before() {
        return Map.of("company_name", companyBefore);
    }

    @Override
    public Map<String, Object> after() {
        return Map.of("company_name", companyAfter);
    }
}
