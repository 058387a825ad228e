package org.ticketvendor.identity.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.ticketvendor.identity.UserReactivated;
import org.ticketvendor.identity.UserRoleChanged;
import org.ticketvendor.identity.UserSuspended;
import org.ticketvendor.identity.domain.User;
import org.ticketvendor.identity.persistence.UserRepository;
import org.ticketvendor.identity.persistence.UserRepository.SecurityState;

/**
 * Makes stateless access tokens revocable: a token is accepted only while its account exists, is
 * active, and still has the security version the token carries (claim {@code sv}; absent = 0).
 * Suspending an account or changing its role increments the version, so every token issued before
 * is refused from the next request on.
 *
 * <p>The check must not cost a database query per request (the flash-sale path). Each instance keeps
 * the accounts' security state in memory and drops an entry when it changes: at once on the instance
 * that made the change (after its commit), and on every instance through PostgreSQL's {@code
 * LISTEN/NOTIFY} ({@link SecurityChangeListener}), which delivers the change's notification when it
 * commits. Entries are trusted only while that listener is connected: without it, every check reads
 * the database, so the answer is exact either way. A connection lost silently is noticed within
 * {@link SecurityChangeListener#HEARTBEAT} plus its timeout, the only window in which another
 * instance may still accept a revoked token. Entries also expire after {@link #TTL} as a last resort.
 */
@Component
class TokenRevocations implements OAuth2TokenValidator<Jwt> {

    static final Duration TTL = Duration.ofMinutes(5);
    static final long MAX_ENTRIES = 100_000;

    /** Stands for an account that does not exist (or was deleted), so it is cached like any other. */
    private static final SecurityState GONE = new SecurityState(-1, false);

    private static final OAuth2TokenValidatorResult REVOKED = OAuth2TokenValidatorResult.failure(new OAuth2Error(
            OAuth2ErrorCodes.INVALID_TOKEN,
            "The access token was revoked: the account was suspended or changed. Log in again.",
            null));
    private static final OAuth2TokenValidatorResult MALFORMED = OAuth2TokenValidatorResult.failure(
            new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, "The sv claim must be a whole number.", null));

    private final UserRepository users;
    private final Cache<UUID, SecurityState> states =
            Caffeine.newBuilder().maximumSize(MAX_ENTRIES).expireAfterWrite(TTL).build();
    /** Moves on with every invalidation, so a load that raced one is not kept. */
    private final AtomicLong generation = new AtomicLong();

    private volatile boolean trusted;

    TokenRevocations(UserRepository users) {
        this.users = users;
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt token) {
        Object claim = token.getClaims().get(AccessTokens.SECURITY_VERSION_CLAIM);
        long version;
        if (claim == null) {
            version = 0;
        } else if (claim instanceof Integer || claim instanceof Long) {
            version = ((Number) claim).longValue();
        } else {
            return MALFORMED;
        }
        SecurityState state = current(UUID.fromString(token.getSubject()));
        return state.active() && state.securityVersion() == version ? OAuth2TokenValidatorResult.success() : REVOKED;
    }

    /** The account's state: from memory when it can be trusted, else from the database. */
    SecurityState current(UUID user) {
        SecurityState cached = states.getIfPresent(user);
        if (cached != null) {
            return cached;
        }
        long seen = generation.get();
        boolean cacheable = trusted;
        SecurityState loaded = users.securityState(user).orElse(GONE);
        if (cacheable) {
            states.put(user, loaded);
            // An invalidation that came while the state was read may be newer than what was read.
            if (generation.get() != seen) {
                states.invalidate(user);
            }
        }
        return loaded;
    }

    /** Where the invalidations stand; take it before reading an account to {@link #remember} it. */
    long generation() {
        return generation.get();
    }

    /**
     * Keeps an account's state just read for issuing it a token, so the token's first request needs
     * no database read. Kept only if nothing was invalidated since {@code seen}, taken before the
     * read: a change committed after the read is followed by an invalidation, which either comes
     * after this (and drops the entry) or before (and this is not kept).
     */
    void remember(User user, long seen) {
        if (!trusted) {
            return;
        }
        states.put(user.id(), new SecurityState(user.securityVersion(), user.isActive()));
        if (generation.get() != seen) {
            states.invalidate(user.id());
        }
    }

    /** The account's state changed (here or on another instance): read it again next time. */
    void invalidate(UUID user) {
        generation.incrementAndGet();
        states.invalidate(user);
    }

    /**
     * Whether changes reach this instance: entries are kept only while they do. Either way, what was
     * kept is dropped, since changes may have been missed before the listener (re)connected.
     */
    void listening(boolean listening) {
        trusted = listening;
        generation.incrementAndGet();
        states.invalidateAll();
    }

    boolean isListening() {
        return trusted;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(UserSuspended suspended) {
        invalidate(suspended.userId().value());
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(UserReactivated reactivated) {
        invalidate(reactivated.userId().value());
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(UserRoleChanged changed) {
        invalidate(changed.userId().value());
    }
}
