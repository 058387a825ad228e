package org.ticketvendor.audit;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** One row of the audit log. {@code actorUserId} is null for actions nobody signed in did. */
public record AuditEntry(
        long id,
        Instant occurredAt,
        UUID actorUserId,
        String actorRole,
        String action,
        String entityType,
        String entityId,
        Map<String, Object> before,
        Map<String, Object> after,
        String requestId,
        String ip) {}
