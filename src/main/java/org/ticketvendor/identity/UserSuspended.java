package org.ticketvendor.identity;

import java.util.Map;
import org.ticketvendor.platform.Auditable;

/**
 * An admin suspended an account: it cannot log in, its refresh tokens are revoked and its access
 * tokens stopped working.
 *
 * @param revokedRefreshTokens how many live refresh tokens (logins) were revoked
 */
public record UserSuspended(UserId userId, String reason, int revokedRefreshTokens) implements Auditable {

    @Override
    public String action() {
        return "user.suspended";
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
        return Map.of("status", "active");
    }

    @Override
    public Map<String, Object> after() {
        return Map.of("status", "suspended", "reason", reason, "revoked_refresh_tokens", revokedRefreshTokens);
    }
}
