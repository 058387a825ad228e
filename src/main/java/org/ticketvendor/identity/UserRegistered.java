package org.ticketvendor.identity;

import java.util.Map;
import java.util.UUID;
import org.ticketvendor.platform.Auditable;

/** A new account exists. */
public record UserRegistered(UserId userId, String email, Role role) implements Auditable {

    @Override
    public String action() {
        return "user.registered";
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
    public UUID actorId() {
        return userId.value();
    }

    @Override
    public Map<String, Object> after() {
        return Map.of("email", email, "role", role.value());
    }
}
