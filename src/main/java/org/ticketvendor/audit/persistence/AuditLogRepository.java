package org.ticketvendor.audit.persistence;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.ticketvendor.audit.AuditEntry;
import org.ticketvendor.audit.AuditQuery;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The {@code audit_log} table; append-only (the database refuses updates and deletes). */
@Repository
public class AuditLogRepository {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

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

    /**
     * Entries matching the query, newest first, at most {@code limit}. Each filter has an index that
     * starts with it and ends with (occurred_at, id) (V32), so the rows come in order from one index
     * and the scan ends after {@code limit} of them.
     */
    public List<AuditEntry> search(AuditQuery query, int limit) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        if (query.actor() != null) {
            where.add("actor_user_id = :actor");
            params.put("actor", query.actor());
        }
        if (query.entityType() != null) {
            where.add("entity_type = :entityType");
            params.put("entityType", query.entityType());
        }
        if (query.entityId() != null) {
            where.add("entity_id = :entityId");
            params.put("entityId", query.entityId());
        }
        if (query.action() != null) {
            where.add("action = :action");
            params.put("action", query.action());
        }
        if (query.from() != null) {
            where.add("occurred_at >= :from");
            params.put("from", Timestamp.from(query.from()));
        }
        if (query.to() != null) {
            where.add("occurred_at < :to");
            params.put("to", Timestamp.from(query.to()));
        }
        if (query.after() != null) {
            where.add("(occurred_at, id) < (:afterAt, :afterId)");
            params.put("afterAt", Timestamp.from(query.after().occurredAt()));
            params.put("afterId", query.after().id());
        }
        params.put("limit", limit);
        return jdbc.sql("""
                        select id, occurred_at, actor_user_id, actor_role, action, entity_type, entity_id,
                               before::text as before, after::text as after, request_id, ip
                        from audit_log %s
                        order by occurred_at desc, id desc
                        limit :limit
                        """.formatted(where.isEmpty() ? "" : "where " + String.join(" and ", where)))
                .params(params)
                .query((rs, row) -> new AuditEntry(
                        rs.getLong("id"),
                        rs.getTimestamp("occurred_at").toInstant(),
                        rs.getObject("actor_user_id", UUID.class),
                        rs.getString("actor_role"),
                        rs.getString("action"),
                        rs.getString("entity_type"),
                        rs.getString("entity_id"),
                        map(rs.getString("before")),
                        map(rs.getString("after")),
                        rs.getString("request_id"),
                        rs.getString("ip")))
                .list();
    }

    private Map<String, Object> map(String value) {
        return value == null ? null : json.readValue(value, MAP);
    }

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
