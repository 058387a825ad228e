package org.ticketvendor.identity.auth;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.ticketvendor.identity.Account;
import org.ticketvendor.identity.Accounts;
import org.ticketvendor.identity.IdentityExceptions.AccountSuspendedException;
import org.ticketvendor.identity.IdentityExceptions.BadCredentialsException;
import org.ticketvendor.identity.IdentityExceptions.InvalidRefreshTokenException;
import org.ticketvendor.identity.IdentityExceptions.LoginLockedException;
import org.ticketvendor.identity.IdentitySettings;
import org.ticketvendor.identity.LoginFailed;
import org.ticketvendor.identity.RefreshTokenReuseDetected;
import org.ticketvendor.identity.Role;
import org.ticketvendor.identity.UserId;
import org.ticketvendor.identity.domain.Emails;
import org.ticketvendor.identity.domain.LoginThrottle;
import org.ticketvendor.identity.domain.PasswordPolicy;
import org.ticketvendor.identity.domain.RefreshTokenCodec;
import org.ticketvendor.identity.domain.User;
import org.ticketvendor.identity.persistence.LoginThrottleRepository;
import org.ticketvendor.identity.persistence.RefreshTokenRepository;
import org.ticketvendor.identity.persistence.RefreshTokenRepository.StoredRefreshToken;
import org.ticketvendor.identity.persistence.UserRepository;

/**
 * Registration with a first session, login, refresh and logout.
 *
 * <p>Password hashing and checking are slow by design, so they run outside any transaction: a burst
 * of logins must not hold every pooled connection. A login attempt is counted as a failure before its
 * password is checked (and forgiven when it succeeds), so parallel guesses on one email cannot get
 * more than the allowed number of checks.
 */
@Service
public class Sessions {

    private final UserRepository users;
    private final RefreshTokenRepository refreshTokens;
    private final LoginThrottleRepository throttles;
    private final PasswordEncoder passwordEncoder;
    private final AccessTokens accessTokens;
    private final TokenRevocations revocations;
    private final Accounts accounts;
    private final IdentitySettings settings;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final String dummyHash;

    Sessions(
            UserRepository users,
            RefreshTokenRepository refreshTokens,
            LoginThrottleRepository throttles,
            PasswordEncoder passwordEncoder,
            AccessTokens accessTokens,
            TokenRevocations revocations,
            Accounts accounts,
            IdentitySettings settings,
            ApplicationEventPublisher events,
            TransactionTemplate transactions,
            Clock clock) {
        this.users = users;
        this.refreshTokens = refreshTokens;
        this.throttles = throttles;
        this.passwordEncoder = passwordEncoder;
        this.accessTokens = accessTokens;
        this.revocations = revocations;
        this.accounts = accounts;
        this.settings = settings;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
        // Checked against when the email is unknown, so both cases cost one bcrypt and look alike.
        this.dummyHash = passwordEncoder.encode(RefreshTokenCodec.newToken());
    }

    /** Where a session was started from, kept with the refresh token for the user's information. */
    public record Client(String userAgent, String ip) {}

    /** A new account and its first session, in one transaction: either both exist or neither. */
    public Registered register(Accounts.Registration registration, Client client) {
        Accounts.PreparedRegistration prepared = accounts.prepare(registration);
        long seen = revocations.generation();
        return transactions.execute(status -> {
            Account account = accounts.create(prepared, Role.BUYER);
            User user = users.findById(account.id().value()).orElseThrow();
            revocations.remember(user, seen);
            return new Registered(account, startSession(user, clock.instant(), client));
        });
    }

    /** What {@link #register} returns. */
    public record Registered(Account account, IssuedTokens tokens) {}

    /** The state of an email when an attempt on it begins. */
    private record Attempt(Optional<User> user, LoginThrottle throttle, boolean locked) {}

    public IssuedTokens login(String rawEmail, String password, Client client) {
        String email = Emails.normalize(rawEmail);
        Instant now = clock.instant();
        Attempt attempt = transactions.execute(status -> begin(email, now));
        if (attempt.locked()) {
            throw new LoginLockedException(attempt.throttle().retryAfterSeconds(now));
        }
        boolean fits = password.getBytes(StandardCharsets.UTF_8).length <= PasswordPolicy.MAX_BYTES;
        String hash = attempt.user().map(User::passwordHash).orElse(dummyHash);
        boolean matches = passwordEncoder.matches(fits ? password : "", hash)
                && fits
                && attempt.user().isPresent();
        UserId userId = attempt.user().map(u -> new UserId(u.id())).orElse(null);
        if (!matches) {
            transactions.executeWithoutResult(status -> events.publishEvent(new LoginFailed(
                    email,
                    userId,
                    attempt.throttle().isLocked(now) ? "locked" : "bad_credentials",
                    attempt.throttle().failures())));
            throw new BadCredentialsException();
        }
        long seen = revocations.generation();
        IssuedTokens tokens = transactions.execute(status -> {
            throttles.clear(email);
            // Read again: an admin may have suspended the account (or changed its role) while the
            // password was being checked, and the token must carry the current security version.
            Optional<User> current = users.findById(userId.value());
            if (current.isEmpty() || !current.get().isActive()) {
                events.publishEvent(new LoginFailed(email, userId, "suspended", 0));
                return null;
            }
            users.recordLogin(userId.value(), now);
            // The token's first request is then answered from memory (on this instance).
            revocations.remember(current.get(), seen);
            return startSession(current.get(), now, client);
        });
        if (tokens == null) {
            throw new AccountSuspendedException();
        }
        return tokens;
    }

    /** Counts the attempt as a failure up front, unless the email is locked already. */
    private Attempt begin(String email, Instant now) {
        LoginThrottle throttle = throttles.lock(email).orElse(LoginThrottle.NONE);
        if (throttle.isLocked(now)) {
            return new Attempt(Optional.empty(), throttle, true);
        }
        LoginThrottle counted =
                throttle.afterFailure(now, settings.maxFailedLogins(), settings.lockout(), settings.maxLockout());
        throttles.save(email, counted, now);
        return new Attempt(users.findByEmail(email), counted, false);
    }

    /**
     * Exchanges a refresh token for a new pair. The old token is spent; presenting a spent token
     * again means it was copied, so its whole family is revoked.
     */
    @Transactional(noRollbackFor = InvalidRefreshTokenException.class)
    public IssuedTokens refresh(String refreshToken, Client client) {
        Instant now = clock.instant();
        long seen = revocations.generation();
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
        revocations.remember(user.get(), seen);
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

    private IssuedTokens startSession(User user, Instant now, Client client) {
        String refresh = RefreshTokenCodec.newToken();
        storeRefreshToken(user, refresh, UUID.randomUUID(), now, client);
        return tokens(user, refresh);
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
