package org.ticketvendor.identity;

import java.util.LinkedHashMap;
import java.util.Map;
import org.ticketvendor.platform.Auditable;

/**
 * A login attempt was refused. {@code userId} is null when no account has the email. The email is
 * recorded, when it looks like one, so that attacks on unknown addresses are visible too; anything
 * else typed there (a password pasted in the wrong field) is not kept. The actor is unknown: whoever
 * tried is not the account's owner, so the row is about the user, not by them.
 *
 * @param reason {@code bad_credentials}, {@code locked} (this failure started a lock) or {@code
 *     suspended}
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
    public Map<String, Object> after() {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put(
                "email", email != null && email.matches("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$") ? email : "(not an email)");
        summary.put("reason", reason);
        summary.put("consecutive_failures", consecutiveFailures);
        return summary;
    }
}
