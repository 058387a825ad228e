package org.ticketvendor.identity;

import java.util.Map;
import org.ticketvendor.platform.Auditable;

/** A user's role changed, by an admin, by configuration, or by becoming a promoter. */
public record UserRoleChanged(UserId userId, Role from, Role to) implements Auditable {

    @Override
    public String action() {
        return "user.role_changed";
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
        return Map.of("role", from.value());
    }

    @Override
    public Map<String, Object> after() {
        return Map.of("role", to.value());
    }
}
