package org.ticketvendor.identity;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.ticketvendor.platform.Auditable;

/**
 * A login attempt was refused. {@code userId} is null when no account has the email; the email is
 * recorded as typed so that attacks on unknown addresses are visible too.
 *
 * @param reason {@code bad_credentials}, {@code locked} or {@code suspended}
 */
public record LoginFailed(String email, UserId userId, String reason, int consecutiveFailures) implements Auditable {

    @Override
    public String action() {
        return "auth.login_failed";
    }

    @Override
    public String entityType() {
        return "user";
    }

    @Override
    public String entityId() {
        return userId == null ? null : userId.toString();
    }

    @Override
    public UUID actorId() {
        return userId == null ? null : userId.value();
    }

    @Override
    public Map<String, Object> after() {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("email", email);
        summary.put("reason", reason);
        summary.put("consecutive_failures", consecutiveFailures);
        return summary;
    }
}
