package org.ticketvendor.identity.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.ticketvendor.identity.Role;
import org.ticketvendor.identity.domain.User;

/** The {@code users} table. Soft-deleted users are invisible here. */
@Repository
public class UserRepository {

    private static final String COLUMNS =
            "id, email, password_hash, full_name, phone, role, status, last_login_at, created_at";

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

    public void updateRole(UUID id, Role role) {
        jdbc.sql("update users set role = :role where id = :id")
                .param("role", role.value())
                .param("id", id)
                .update();
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
                instant(rs.getTimestamp("last_login_at")),
                instant(rs.getTimestamp("created_at")));
    }

    static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
