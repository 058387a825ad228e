package org.ticketvendor.audit.persistence;

import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The {@code audit_log} table; insert-only (the database refuses updates and deletes). */
@Repository
public class AuditLogRepository {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    AuditLogRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** One audit row to write. */
    public record NewAuditEntry(
            UUID actorUserId,
            String actorRole,
            String action,
            String entityType,
            String entityId,
            Map<String, Object> before,
            Map<String, Object> after,
            String requestId,
            String ip) {}

    public void insert(NewAuditEntry entry) {
        jdbc.sql("""
                        insert into audit_log (actor_user_id, actor_role, action, entity_type, entity_id,
                                               before, after, request_id, ip)
                        values (:actor, :role, :action, :entityType, :entityId,
                                cast(:before as jsonb), cast(:after as jsonb), :requestId, :ip)
                        """)
                .param("actor", entry.actorUserId())
                .param("role", entry.actorRole())
                .param("action", entry.action())
                .param("entityType", entry.entityType())
                .param("entityId", entry.entityId())
                .param("before", entry.before() == null ? null : json.writeValueAsString(entry.before()))
                .param("after", entry.after() == null ? null : json.writeValueAsString(entry.after()))
                .param("requestId", entry.requestId())
                .param("ip", entry.ip())
                .update();
    }
}
