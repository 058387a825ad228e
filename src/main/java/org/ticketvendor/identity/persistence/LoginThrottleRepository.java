package org.ticketvendor.identity.persistence;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.ticketvendor.identity.domain.LoginThrottle;

/** The {@code login_throttle} table: failed-login counters per email typed. */
@Repository
public class LoginThrottleRepository {

    private final JdbcClient jdbc;

    LoginThrottleRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The email's throttle, creating its row if needed and locking it: concurrent attempts on one
     * email are serialised, so a burst of parallel guesses cannot slip past the limit.
     */
    public LoginThrottle lock(String email) {
        jdbc.sql("insert into login_throttle (email) values (:email) on conflict (email) do nothing")
                .param("email", email)
                .update();
        return jdbc.sql("select failures, locked_until from login_throttle where email = :email for update")
                .param("email", email)
                .query((rs, row) -> new LoginThrottle(
                        rs.getInt("failures"), UserRepository.instant(rs.getTimestamp("locked_until"))))
                .single();
    }

    public void save(String email, LoginThrottle throttle, Instant at) {
        jdbc.sql("""
                        update login_throttle set failures = :failures, locked_until = :lockedUntil, last_failure_at = :at
                        where email = :email
                        """)
                .param("failures", throttle.failures())
                .param("lockedUntil", throttle.lockedUntil() == null ? null : Timestamp.from(throttle.lockedUntil()))
                .param("at", Timestamp.from(at))
                .param("email", email)
                .update();
    }

    public void clear(String email) {
        jdbc.sql("delete from login_throttle where email = :email")
                .param("email", email)
                .update();
    }
}
