package org.ticketvendor.fuzz;

import java.time.Duration;

/**
 * An account the fuzzer acts as. Its access token is renewed with a password login when older than
 * {@link #RENEW_AFTER} or when asked to (a role change, a revoked session), so long runs outlive the
 * tokens' lifetime.
 *
 * @param role the role the fuzzer means it to have: buyer, promoter, staff or admin
 */
final class Identity {

    static final Duration RENEW_AFTER = Duration.ofMinutes(8);

    final String name;
    final String email;
    final String password;
    final String role;
    volatile String userId;
    private volatile String token;
    private volatile long issuedAt;
    private volatile boolean stale;

    Identity(String name, String email, String password, String role) {
        this.name = name;
        this.email = email;
        this.password = password;
        this.role = role;
    }

    synchronized String token(FuzzClient client) {
        if (token == null || stale || System.nanoTime() - issuedAt > RENEW_AFTER.toNanos()) {
            var renewed = client.login(email, password);
            if (renewed.isEmpty()) {
                // Suspended by a fuzzed admin call, or locked by fuzzed wrong passwords: its requests
                // carry its last token (or one the API refuses, 401) until it can log in again.
                stale = true;
                return token == null ? "suspended." + name : token;
            }
            token = renewed.get();
            issuedAt = System.nanoTime();
            stale = false;
        }
        return token;
    }

    /** The next {@link #token} logs in again. */
    void renew() {
        stale = true;
    }

    @Override
    public String toString() {
        return name;
    }
}
