package org.ticketvendor.identity.persistence;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
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
     * The email's throttle, with the email locked for the rest of the transaction (an advisory lock,
     * which works before the row exists): concurrent attempts on one email take turns, so a burst of
     * parallel guesses cannot slip past the limit, on one instance or many.
     */
    public Optional<LoginThrottle> lock(String email) {
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended(lower(:email), 0))")
                .param("email", email)
                .query()
                .singleRow();
        return jdbc.sql("select failures, locked_until from login_throttle where email = cast(:email as citext)")
                .param("email", email)
                .query((rs, row) -> new LoginThrottle(
                        rs.getInt("failures"), UserRepository.instant(rs.getTimestamp("locked_until"))))
                .optional();
    }

    public void save(String email, LoginThrottle throttle, Instant at) {
        jdbc.sql("""
                        insert into login_throttle (email, failures, locked_until, last_failure_at)
                        values (cast(:email as citext), :failures, :lockedUntil, :at)
                        on conflict (email) do update
                        set failures = excluded.failures, locked_until = excluded.locked_until,
                            last_failure_at = excluded.last_failure_at
                        """)
                .param("failures", throttle.failures())
                .param("lockedUntil", throttle.lockedUntil() == null ? null : Timestamp.from(throttle.lockedUntil()))
                .param("at", Timestamp.from(at))
                .param("email", email)
                .update();
    }

    public void clear(String email) {
        jdbc.sql("delete from login_throttle where email = cast(:email as citext)")
                .param("email", email)
                .update();
    }
}
