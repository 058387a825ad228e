package org.ticketvendor.identity;

import java.util.Map;
import java.util.UUID;
import org.ticketvendor.platform.Auditable;

/**
 * A refresh token that had already been rotated was presented again: somebody holds a copy, so the
 * whole token family was revoked. Whoever presented it is unknown, so no actor is recorded.
 */
public record RefreshTokenReuseDetected(UserId userId, UUID familyId) implements Auditable {

    @Override
    public String action() {
        return "auth.refresh_token_reused";
    }

    @Override
    public String entityType() {
        return "refresh_token_family";
    }

    @Override
    public String entityId() {
        return familyId.toString();
    }

    @Override
    public Map<String, Object> after() {
        return Map.of("user_id", userId.toString(), "family_revoked", true);
    }
}
