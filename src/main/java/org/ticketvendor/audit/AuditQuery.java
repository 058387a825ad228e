package org.ticketvendor.audit;

import java.time.Instant;
import java.util.UUID;

/**
 * Filters of the audit log; null means any. {@code from} is inclusive, {@code to} exclusive.
 *
 * @param after where the previous page ended: only entries older than it
 */
public record AuditQuery(
        UUID actor, String entityType, String entityId, String action, Instant from, Instant to, AuditCursor after) {}
