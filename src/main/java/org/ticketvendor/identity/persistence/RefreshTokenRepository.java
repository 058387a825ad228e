package org.ticketvendor.identity.persistence;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code refresh_tokens} table: hashed opaque tokens grouped in rotation families. */
@Repository
public class RefreshTokenRepository {

    private final JdbcClient jdbc;

    RefreshTokenRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A stored refresh token. */
    public record StoredRefreshToken(
            UUID id, UUID userId, UUID familyId, Instant expiresAt, Instant rotatedAt, Instant revokedAt) {}

    public UUID insert(
            UUID userId,
            UUID familyId,
            byte[] hash,
            Instant createdAt,
            Instant expiresAt,
            String userAgent,
            String ip) {
        return jdbc.sql("""
                        insert into refresh_tokens (user_id, family_id, token_hash, created_at, expires_at, user_agent, ip)
                        values (:userId, :familyId, :hash, :createdAt, :expiresAt, :userAgent, :ip)
                        returning id
                        """)
                .param("userId", userId)
                .param("familyId", familyId)
                .param("hash", hash)
                .param("createdAt", Timestamp.from(createdAt))
                .param("expiresAt", Timestamp.from(expiresAt))
                .param("userAgent", userAgent)
                .param("ip", ip)
                .query(UUID.class)
                .single();
    }

    /** Finds a token by hash and locks it, so two concurrent uses of one token are serialised. */
    public Optional<StoredRefreshToken> findByHashForUpdate(byte[] hash) {
        return jdbc.sql("""
                        select id, user_id, family_id, expires_at, rotated_at, revoked_at
                        from refresh_tokens where token_hash = :hash for update
                        """)
                .param("hash", hash)
                .query((rs, row) -> new StoredRefreshToken(
                        rs.getObject("id", UUID.class),
                        rs.getObject("user_id", UUID.class),
                        rs.getObject("family_id", UUID.class),
                        UserRepository.instant(rs.getTimestamp("expires_at")),
                        UserRepository.instant(rs.getTimestamp("rotated_at")),
                        UserRepository.instant(rs.getTimestamp("revoked_at"))))
                .optional();
    }

    public void markRotated(UUID id, UUID replacedBy, Instant at) {
        jdbc.sql("update refresh_tokens set rotated_at = :at, replaced_by = :next where id = :id")
                .param("at", Timestamp.from(at))
                .param("next", replacedBy)
                .param("id", id)
                .update();
    }

    /** Revokes every live token of the family; returns how many. */
    public int revokeFamily(UUID familyId, Instant at) {
        return jdbc.sql("update refresh_tokens set revoked_at = :at where family_id = :family and revoked_at is null")
                .param("at", Timestamp.from(at))
                .param("family", familyId)
                .update();
    }

    /** Revokes every live token of the user (all their logins); returns how many. */
    public int revokeAllOfUser(UUID userId, Instant at) {
        return jdbc.sql("update refresh_tokens set revoked_at = :at where user_id = :user and revoked_at is null")
                .param("at", Timestamp.from(at))
                .param("user", userId)
                .update();
    }
}
