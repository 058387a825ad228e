package org.ticketvendor.identity.auth;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.ticketvendor.identity.IdentityExceptions.AccountSuspendedException;
import org.ticketvendor.identity.IdentityExceptions.BadCredentialsException;
import org.ticketvendor.identity.IdentityExceptions.InvalidRefreshTokenException;
import org.ticketvendor.identity.IdentityExceptions.LoginLockedException;
import org.ticketvendor.identity.IdentitySettings;
import org.ticketvendor.identity.LoginFailed;
import org.ticketvendor.identity.RefreshTokenReuseDetected;
import org.ticketvendor.identity.UserId;
import org.ticketvendor.identity.domain.Emails;
import org.ticketvendor.identity.domain.LoginThrottle;
import org.ticketvendor.identity.domain.RefreshTokenCodec;
import org.ticketvendor.identity.domain.User;
import org.ticketvendor.identity.persistence.LoginThrottleRepository;
import org.ticketvendor.identity.persistence.RefreshTokenRepository;
import org.ticketvendor.identity.persistence.RefreshTokenRepository.StoredRefreshToken;
import org.ticketvendor.identity.persistence.UserRepository;

/**
 * Login, refresh and logout.
 *
 * <p>Refused logins and detected token reuse still commit (they are not rolled back by the
 * exceptions that report them): the failure counter, the lock, the family revocation and their
 * audit rows must survive the error response.
 */
@Service
public class Sessions {

    private final UserRepository users;
    private final RefreshTokenRepository refreshTokens;
    private final LoginThrottleRepository throttles;
    private final PasswordEncoder passwordEncoder;
    private final AccessTokens accessTokens;
    private final IdentitySettings settings;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final String dummyHash;

    Sessions(
            UserRepository users,
            RefreshTokenRepository refreshTokens,
            LoginThrottleRepository throttles,
            PasswordEncoder passwordEncoder,
            AccessTokens accessTokens,
            IdentitySettings settings,
            ApplicationEventPublisher events,
            Clock clock) {
        this.users = users;
        this.refreshTokens = refreshTokens;
        this.throttles = throttles;
        this.passwordEncoder = passwordEncoder;
        this.accessTokens = accessTokens;
        this.settings = settings;
        this.events = events;
        this.clock = clock;
        // Checked against when the email is unknown, so both cases cost one bcrypt and look alike.
        this.dummyHash = passwordEncoder.encode(RefreshTokenCodec.newToken());
    }

    /** Where a session was started from, kept with the refresh token for the user's information. */
    public record Client(String userAgent, String ip) {}

    @Transactional(noRollbackFor = {BadCredentialsException.class, LoginLockedException.class})
    public IssuedTokens login(String rawEmail, String password, Client client) {
        String email = Emails.normalize(rawEmail);
        Instant now = clock.instant();
        LoginThrottle throttle = throttles.lock(email);
        Optional<User> found = users.findByEmail(email);
        UserId userId = found.map(u -> new UserId(u.id())).orElse(null);
        if (throttle.isLocked(now)) {
            events.publishEvent(new LoginFailed(email, userId, "locked", throttle.failures()));
            throw new LoginLockedException(throttle.retryAfterSeconds(now));
        }
        boolean matches =
                passwordEncoder.matches(password, found.map(User::passwordHash).orElse(dummyHash));
        if (found.isEmpty() || !matches) {
            LoginThrottle next =
                    throttle.afterFailure(now, settings.maxFailedLogins(), settings.lockout(), settings.maxLockout());
            throttles.save(email, next, now);
            events.publishEvent(new LoginFailed(email, userId, "bad_credentials", next.failures()));
            throw new BadCredentialsException();
        }
        User user = found.get();
        throttles.clear(email);
        if (!user.isActive()) {
            throw new AccountSuspendedException();
        }
        users.recordLogin(user.id(), now);
        String refresh = RefreshTokenCodec.newToken();
        storeRefreshToken(user, refresh, UUID.randomUUID(), now, client);
        return tokens(user, refresh);
    }

    /** Starts a session for an account that just proved who it is (e.g. by registering). */
    @Transactional
    public IssuedTokens startSession(UserId id, Client client) {
        User user = users.findById(id.value()).filter(User::isActive).orElseThrow(AccountSuspendedException::new);
        Instant now = clock.instant();
        users.recordLogin(user.id(), now);
        String refresh = RefreshTokenCodec.newToken();
        storeRefreshToken(user, refresh, UUID.randomUUID(), now, client);
        return tokens(user, refresh);
    }

    /**
     * Exchanges a refresh token for a new pair. The old token is spent; presenting a spent token
     * again means it was copied, so its whole family is revoked.
     */
    @Transactional(noRollbackFor = InvalidRefreshTokenException.class)
    public IssuedTokens refresh(String refreshToken, Client client) {
        Instant now = clock.instant();
        StoredRefreshToken stored = refreshTokens
                .findByHashForUpdate(RefreshTokenCodec.hash(refreshToken))
                .orElseThrow(() -> new InvalidRefreshTokenException("Unknown refresh token."));
        if (stored.revokedAt() != null) {
            throw new InvalidRefreshTokenException("The refresh token was revoked. Log in again.");
        }
        if (stored.rotatedAt() != null) {
            refreshTokens.revokeFamily(stored.familyId(), now);
            events.publishEvent(new RefreshTokenReuseDetected(new UserId(stored.userId()), stored.familyId()));
            throw new InvalidRefreshTokenException(
                    "The refresh token was already used. All sessions of this login were revoked. Log in again.");
        }
        if (!stored.expiresAt().isAfter(now)) {
            throw new InvalidRefreshTokenException("The refresh token expired. Log in again.");
        }
        Optional<User> user = users.findById(stored.userId()).filter(User::isActive);
        if (user.isEmpty()) {
            refreshTokens.revokeFamily(stored.familyId(), now);
            throw new InvalidRefreshTokenException("The account is no longer active.");
        }
        String next = RefreshTokenCodec.newToken();
        UUID nextId = storeRefreshToken(user.get(), next, stored.familyId(), now, client);
        refreshTokens.markRotated(stored.id(), nextId, now);
        return tokens(user.get(), next);
    }

    /** Revokes the refresh token's family. Unknown tokens are ignored: logout always succeeds. */
    @Transactional
    public void logout(String refreshToken) {
        refreshTokens
                .findByHashForUpdate(RefreshTokenCodec.hash(refreshToken))
                .ifPresent(stored -> refreshTokens.revokeFamily(stored.familyId(), clock.instant()));
    }

    private UUID storeRefreshToken(User user, String token, UUID familyId, Instant now, Client client) {
        return refreshTokens.insert(
                user.id(),
                familyId,
                RefreshTokenCodec.hash(token),
                now,
                now.plus(settings.refreshTokenTtl()),
                truncate(client.userAgent(), 500),
                client.ip());
    }

    private IssuedTokens tokens(User user, String refreshToken) {
        return new IssuedTokens(
                accessTokens.issue(user), settings.accessTokenTtl(), refreshToken, settings.refreshTokenTtl());
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
