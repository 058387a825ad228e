package org.ticketvendor.identity.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.ticketvendor.identity.Role;
import org.ticketvendor.identity.domain.User;

/** The {@code users} table. Soft-deleted users are invisible here. */
@Repository
public class UserRepository {

    private static final String COLUMNS = """
            id, email, password_hash, full_name, phone, role, status, security_version, last_login_at,
            suspended_at, suspension_reason, created_at""";

    /** The channel on which every change of an account's security version or status is announced. */
    public static final String SECURITY_CHANNEL = "identity_security";

    private final JdbcClient jdbc;

    UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts a user; a duplicate email surfaces as Spring's {@code DuplicateKeyException}. */
    public User insert(String email, String passwordHash, String fullName, String phone, Role role) {
        return jdbc.sql("""
                        insert into users (email, password_hash, full_name, phone, role)
                        values (:email, :hash, :fullName, :phone, :role)
                        returning %s
                        """.formatted(COLUMNS))
                .param("email", email)
                .param("hash", passwordHash)
                .param("fullName", fullName)
                .param("phone", phone)
                .param("role", role.value())
                .query(UserRepository::map)
                .single();
    }

    public Optional<User> findByEmail(String email) {
        return jdbc.sql("select %s from users where email = cast(:email as citext) and deleted_at is null"
                        .formatted(COLUMNS))
                .param("email", email)
                .query(UserRepository::map)
                .optional();
    }

    public Optional<User> findById(UUID id) {
        return jdbc.sql("select %s from users where id = :id and deleted_at is null".formatted(COLUMNS))
                .param("id", id)
                .query(UserRepository::map)
                .optional();
    }

    /** Locks the row for a read-modify-write such as a role change. */
    public Optional<User> findByIdForUpdate(UUID id) {
        return jdbc.sql("select %s from users where id = :id and deleted_at is null for update".formatted(COLUMNS))
                .param("id", id)
                .query(UserRepository::map)
                .optional();
    }

    /**
     * Changes the role. With {@code revokeTokens}, access tokens issued before (which carry the old
     * role) stop working; without, they keep working with the old role until they expire.
     */
    public void updateRole(UUID id, Role role, boolean revokeTokens) {
        jdbc.sql("""
                        update users set role = :role,
                            security_version = security_version + case when :revoke then 1 else 0 end
                        where id = :id
                        """)
                .param("role", role.value())
                .param("revoke", revokeTokens)
                .param("id", id)
                .update();
        if (revokeTokens) {
            announceSecurityChange(id);
        }
    }

    /** Suspends the account; every access token issued before stops working. */
    public void suspend(UUID id, Instant at, String reason) {
        jdbc.sql("""
                        update users set status = 'suspended', suspended_at = :at, suspension_reason = :reason,
                            security_version = security_version + 1
                        where id = :id
                        """)
                .param("at", Timestamp.from(at))
                .param("reason", reason)
                .param("id", id)
                .update();
        announceSecurityChange(id);
    }

    /** Lifts a suspension; access tokens from before it stay refused (they carry an old version). */
    public void reactivate(UUID id) {
        jdbc.sql("""
                        update users set status = 'active', suspended_at = null, suspension_reason = null
                        where id = :id
                        """).param("id", id).update();
        announceSecurityChange(id);
    }

    /**
     * Tells every instance (their listeners on {@link #SECURITY_CHANNEL}) that the account's cached
     * security state is stale. PostgreSQL delivers the notification when, and only if, the
     * transaction commits.
     */
    private void announceSecurityChange(UUID id) {
        jdbc.sql("select pg_notify(:channel, :id)")
                .param("channel", SECURITY_CHANNEL)
                .param("id", id.toString())
                .query()
                .singleRow();
    }

    /** What access-token checks need to know about an account: one primary-key read. */
    public record SecurityState(int securityVersion, boolean active) {}

    public Optional<SecurityState> securityState(UUID id) {
        return jdbc.sql("select security_version, status from users where id = :id and deleted_at is null")
                .param("id", id)
                .query((rs, row) ->
                        new SecurityState(rs.getInt("security_version"), User.ACTIVE.equals(rs.getString("status"))))
                .optional();
    }

    /**
     * Active admins other than the given account. Callers serialise admin changes first ({@link
     * #lockAdminChanges}), so two admins cannot each leave the other as the last one.
     */
    public long countOtherActiveAdmins(UUID except) {
        return jdbc.sql("""
                        select count(*) from users
                        where role = 'admin' and status = 'active' and deleted_at is null and id <> :id
                        """).param("id", except).query(Long.class).single();
    }

    /** Serialises changes that could remove an admin, until the transaction ends. */
    public void lockAdminChanges() {
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended('identity:admin-changes', 0))")
                .query()
                .singleRow();
    }

    /** Filters of the admin's user list; null means any. */
    public record Search(String text, Role role, String status) {}

    /** A page of accounts matching the search, newest first, and how many match in all. */
    public record Found(List<User> users, long total) {}

    public Found search(Search search, int limit, long offset) {
        List<String> where = new ArrayList<>(List.of("deleted_at is null"));
        Map<String, Object> params = new HashMap<>();
        if (search.text() != null) {
            // Both columns have trigram indexes (V30); ILIKE uses them for any part of the text.
            where.add("(email::text ilike :pattern or full_name ilike :pattern)");
            params.put("pattern", "%" + escapeLike(search.text()) + "%");
        }
        if (search.role() != null) {
            where.add("role = :role");
            params.put("role", search.role().value());
        }
        if (search.status() != null) {
            where.add("status = :status");
            params.put("status", search.status());
        }
        String condition = String.join(" and ", where);
        long total = jdbc.sql("select count(*) from users where " + condition)
                .params(params)
                .query(Long.class)
                .single();
        params.put("limit", limit);
        params.put("offset", offset);
        List<User> page = jdbc.sql(
                        "select %s from users where %s order by created_at desc, id desc limit :limit offset :offset"
                                .formatted(COLUMNS, condition))
                .params(params)
                .query(UserRepository::map)
                .list();
        return new Found(page, total);
    }

    /** The text matches itself only: {@code %}, {@code _} and the escape character lose their meaning. */
    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    public void recordLogin(UUID id, Instant at) {
        jdbc.sql("update users set last_login_at = :at where id = :id")
                .param("at", Timestamp.from(at))
                .param("id", id)
                .update();
    }

    static User map(ResultSet rs, int row) throws SQLException {
        return new User(
                rs.getObject("id", UUID.class),
                rs.getString("email"),
                rs.getString("password_hash"),
                rs.getString("full_name"),
                rs.getString("phone"),
                Role.of(rs.getString("role")),
                rs.getString("status"),
                rs.getInt("security_version"),
                instant(rs.getTimestamp("last_login_at")),
                instant(rs.getTimestamp("suspended_at")),
                rs.getString("suspension_reason"),
                instant(rs.getTimestamp("created_at")));
    }

    static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
