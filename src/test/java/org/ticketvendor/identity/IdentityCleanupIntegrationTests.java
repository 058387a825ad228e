package org.ticketvendor.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.ticketvendor.orders.IdempotencyKeys;
import org.ticketvendor.support.ApiClient;
import org.ticketvendor.support.IntegrationTest;

/** Old login counters, expired refresh tokens and idempotency keys are purged; live ones stay. */
@IntegrationTest
class IdentityCleanupIntegrationTests {

    @Autowired
    IdentityCleanup cleanup;

    @Autowired
    IdempotencyKeys idempotencyKeys;

    @Autowired
    Accounts accounts;

    @Autowired
    JdbcClient jdbc;

    @Test
    void purgesStaleCountersAndExpiredTokensButKeepsLiveOnes() {
        String stale = ApiClient.newEmail();
        String locked = ApiClient.newEmail();
        jdbc.sql("""
                        insert into login_throttle (email, failures, locked_until, last_failure_at) values
                            (:stale, 2, null, now() - interval '3 days'),
                            (:locked, 9, now() + interval '1 hour', now() - interval '3 days')
                        """).param("stale", stale).param("locked", locked).update();
        UUID user = accounts.register(
                        new Accounts.Registration(ApiClient.newEmail(), ApiClient.PASSWORD, "Old", null), Role.BUYER)
                .id()
                .value();
        jdbc.sql("""
                        insert into refresh_tokens (user_id, family_id, token_hash, created_at, expires_at) values
                            (:u, gen_random_uuid(), sha256(gen_random_uuid()::text::bytea), now() - interval '40 days',
                             now() - interval '10 days'),
                            (:u, gen_random_uuid(), sha256(gen_random_uuid()::text::bytea), now(), now() + interval '30 days')
                        """).param("u", user).update();
        jdbc.sql("""
                        insert into idempotency_keys (user_id, operation, key, request_hash, created_at, expires_at)
                        values (:u, 'orders.place', 'old-key', sha256('x'::bytea), now() - interval '2 days',
                                now() - interval '1 day')
                        """).param("u", user).update();

        assertThat(cleanup.purge()).isGreaterThanOrEqualTo(2);
        assertThat(idempotencyKeys.purgeExpired()).isGreaterThanOrEqualTo(1);

        assertThat(count("select count(*) from login_throttle where email = '" + stale + "'"))
                .isZero();
        assertThat(count("select count(*) from login_throttle where email = '" + locked + "'"))
                .isEqualTo(1);
        assertThat(count("select count(*) from refresh_tokens where user_id = '" + user + "'"))
                .isEqualTo(1);
        assertThat(count("select count(*) from idempotency_keys where user_id = '" + user + "'"))
                .isZero();
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }
}
