package org.ticketvendor.identity;

import java.util.Map;
import org.ticketvendor.platform.Auditable;

/** An admin lifted an account's suspension: it can log in again (its old tokens stay revoked). */
public record UserReactivated(UserId userId, String suspensionReason) implements Auditable {

    @Override
    public String action() {
        return "user.reactivated";
    }

    @Override
    public String entityType() {
        return "user";
    }

    @Override
    public String entityId() {
        return userId.toString();
    }

    @Override
    public Map<String, Object> before() {
        return suspensionReason == null
                ? Map.of("status", "suspended")
                : Map.of("status", "suspended", "reason", suspensionReason);
    }

    @Override
    public Map<String, Object> after() {
        return Map.of("status", "active");
    }
}
