package org.ticketvendor.orders.persistence;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code idempotency_keys} table. */
@Repository
public class IdempotencyRepository {

    private final JdbcClient jdbc;

    IdempotencyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A remembered key: the request's hash and, once done, the response. */
    public record StoredKey(
            byte[] requestHash,
            String status,
            Integer responseStatus,
            String responseBody,
            Instant expiresAt,
            UUID resourceId) {}

    /** Claims the key for a new request; false when somebody holds it already (expired keys are reclaimed). */
    public boolean claim(UUID userId, String operation, String key, byte[] hash, Instant now, Instant expiresAt) {
        jdbc.sql("""
                        delete from idempotency_keys
                        where user_id = :userId and operation = :operation and key = :key
                          and (expires_at <= :now or (status = 'in_flight' and resource_id is null
                               and created_at <= cast(:now as timestamptz) - interval '2 minutes'))
                        """)
                .param("userId", userId)
                .param("operation", operation)
                .param("key", key)
                .param("now", Timestamp.from(now))
                .update();
        return jdbc.sql("""
                                insert into idempotency_keys (user_id, operation, key, request_hash, expires_at)
                                values (:userId, :operation, :key, :hash, :expiresAt)
                                on conflict do nothing
                                """)
                        .param("userId", userId)
                        .param("operation", operation)
                        .param("key", key)
                        .param("hash", hash)
                        .param("expiresAt", Timestamp.from(expiresAt))
                        .update()
                == 1;
    }

    public Optional<StoredKey> find(UUID userId, String operation, String key) {
        return jdbc.sql("""
                        select request_hash, status, response_status, response_body::text as body, expires_at, resource_id
                        from idempotency_keys where user_id = :userId and operation = :operation and key = :key
                        """)
                .param("userId", userId)
                .param("operation", operation)
                .param("key", key)
                .query((rs, row) -> new StoredKey(
                        rs.getBytes("request_hash"),
                        rs.getString("status"),
                        (Integer) rs.getObject("response_status"),
                        rs.getString("body"),
                        rs.getTimestamp("expires_at").toInstant(),
                        rs.getObject("resource_id", UUID.class)))
                .optional();
    }

    public void complete(UUID userId, String operation, String key, int status, String body) {
        jdbc.sql("""
                        update idempotency_keys set status = 'completed', response_status = :status,
                            response_body = cast(:body as jsonb)
                        where user_id = :userId and operation = :operation and key = :key
                        """)
                .param("status", status)
                .param("body", body)
                .param("userId", userId)
                .param("operation", operation)
                .param("key", key)
                .update();
    }

    /** Records what the request created; called inside the transaction that creates it. */
    public void attach(UUID userId, String operation, String key, UUID resourceId) {
        jdbc.sql("""
                        update idempotency_keys set resource_id = :resource
                        where user_id = :userId and operation = :operation and key = :key
                        """)
                .param("resource", resourceId)
                .param("userId", userId)
                .param("operation", operation)
                .param("key", key)
                .update();
    }

    /** Deletes up to {@code limit} keys past their expiry; how many. */
    public int purgeExpired(Instant now, int limit) {
        return jdbc.sql("""
                        delete from idempotency_keys where ctid in (
                            select ctid from idempotency_keys where expires_at <= :now limit :limit)
                        """)
                .param("now", Timestamp.from(now))
                .param("limit", limit)
                .update();
    }

    /** Forgets a key whose request failed, so the client can retry with it. */
    public void forget(UUID userId, String operation, String key) {
        jdbc.sql("delete from idempotency_keys where user_id = :userId and operation = :operation and key = :key")
                .param("userId", userId)
                .param("operation", operation)
                .param("key", key)
                .update();
    }
}
