package org.ticketvendor.identity;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.ticketvendor.identity.IdentityExceptions.AccountStateException;
import org.ticketvendor.identity.IdentityExceptions.EmailAlreadyRegisteredException;
import org.ticketvendor.identity.IdentityExceptions.PromoterProfileNotFoundException;
import org.ticketvendor.identity.IdentityExceptions.UserNotFoundException;
import org.ticketvendor.identity.IdentityExceptions.WeakPasswordException;
import org.ticketvendor.identity.domain.Emails;
import org.ticketvendor.identity.domain.PasswordPolicy;
import org.ticketvendor.identity.domain.User;
import org.ticketvendor.identity.persistence.PromoterRepository;
import org.ticketvendor.identity.persistence.RefreshTokenRepository;
import org.ticketvendor.identity.persistence.UserRepository;

/** Accounts and promoter profiles: the identity module's API for other modules and its web layer. */
@Service
public class Accounts {

    private final UserRepository users;
    private final PromoterRepository promoters;
    private final RefreshTokenRepository refreshTokens;
    private final PasswordEncoder passwordEncoder;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final Clock clock;

    Accounts(
            UserRepository users,
            PromoterRepository promoters,
            RefreshTokenRepository refreshTokens,
            PasswordEncoder passwordEncoder,
            ApplicationEventPublisher events,
            TransactionTemplate transactions,
            Clock clock) {
        this.users = users;
        this.promoters = promoters;
        this.refreshTokens = refreshTokens;
        this.passwordEncoder = passwordEncoder;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Registration data, already checked for shape by the caller. */
    public record Registration(String email, String password, String fullName, String phone) {

        @Override
        public String toString() {
            return "Registration[email=" + email + ", password=<redacted>]";
        }
    }

    /** A registration whose password passed the policy and is hashed, ready to be stored. */
    public record PreparedRegistration(String email, String passwordHash, String fullName, String phone) {

        @Override
        public String toString() {
            return "PreparedRegistration[email=" + email + "]";
        }
    }

    /**
     * Checks the password against the policy and hashes it. Deliberately outside any transaction:
     * hashing is slow by design and must not hold a database connection.
     *
     * @throws WeakPasswordException when the password breaks the policy
     */
    public PreparedRegistration prepare(Registration registration) {
        String email = Emails.normalize(registration.email());
        List<String> problems = PasswordPolicy.problems(registration.password(), email);
        if (!problems.isEmpty()) {
            throw new WeakPasswordException(problems);
        }
        return new PreparedRegistration(
                email,
                passwordEncoder.encode(registration.password()),
                registration.fullName().strip(),
                blankToNull(registration.phone()));
    }

    /**
     * Stores a prepared registration with the given role, joining the caller's transaction.
     *
     * @throws EmailAlreadyRegisteredException when the email is taken, in any letter case
     */
    @Transactional
    public Account create(PreparedRegistration registration, Role role) {
        User user;
        try {
            user = users.insert(
                    registration.email(),
                    registration.passwordHash(),
                    registration.fullName(),
                    registration.phone(),
                    role);
        } catch (DuplicateKeyException e) {
            throw new EmailAlreadyRegisteredException();
        }
        events.publishEvent(new UserRegistered(new UserId(user.id()), registration.email(), role));
        return toAccount(user);
    }

    /** Registers in one go: {@link #prepare} outside, {@link #create} inside a transaction. */
    public Account register(Registration registration, Role role) {
        PreparedRegistration prepared = prepare(registration);
        return transactions.execute(status -> create(prepared, role));
    }

    /** The account, if it exists and is not deleted. */
    @Transactional(readOnly = true)
    public Optional<Account> find(UserId id) {
        return users.findById(id.value()).map(Accounts::toAccount);
    }

    /** The account with this email, if any. */
    @Transactional(readOnly = true)
    public Optional<Account> findByEmail(String email) {
        return users.findByEmail(Emails.normalize(email)).map(Accounts::toAccount);
    }

    /** Filters of the admin's account list; null means any. {@code text}: part of the email or name. */
    public record AccountQuery(String text, Role role, String status) {}

    /** One page of accounts and how many match in all. */
    public record AccountPage(List<Account> accounts, long total) {}

    /** Accounts matching the query, newest first (any letter case, any part of email or name). */
    @Transactional(readOnly = true)
    public AccountPage search(AccountQuery query, int page, int size) {
        UserRepository.Found found = users.search(
                new UserRepository.Search(query.text(), query.role(), query.status()), size, (long) page * size);
        return new AccountPage(found.users().stream().map(Accounts::toAccount).toList(), found.total());
    }

    /**
     * Changes a user's role; audited. No-op when the role is already the requested one. The user's
     * access tokens stop working at once (they carry the old role): they refresh to get the new one.
     *
     * @throws AccountStateException {@code last_admin} when this would leave no active admin
     */
    @Transactional
    public Account changeRole(UserId id, Role role) {
        User user = users.findByIdForUpdate(id.value()).orElseThrow(UserNotFoundException::new);
        if (user.role() != role) {
            if (user.role() == Role.PROMOTER
                    && promoters.findByUserId(user.id()).isPresent()) {
                throw new AccountStateException(
                        "promoter_has_profile",
                        "A user with a promoter profile stays a promoter; suspend them instead.");
            }
            if (user.role() == Role.ADMIN && user.isActive()) {
                requireAnotherAdmin(user);
            }
            users.updateRole(user.id(), role, true);
            events.publishEvent(new UserRoleChanged(id, user.role(), role));
        }
        return users.findById(user.id()).map(Accounts::toAccount).orElseThrow();
    }

    /**
     * Suspends an account at once: it cannot log in, every refresh token is revoked and every access
     * token issued before stops working on every instance. Audited. No-op when already suspended.
     *
     * @param actor the admin doing it, who cannot suspend themself
     * @throws AccountStateException {@code own_account}, or {@code last_admin} when this would leave
     *     no active admin
     */
    @Transactional
    public Account suspend(UserId actor, UserId id, String reason) {
        if (actor.equals(id)) {
            throw new AccountStateException("own_account", "Admins cannot suspend their own account.");
        }
        User user = users.findByIdForUpdate(id.value()).orElseThrow(UserNotFoundException::new);
        if (user.isActive()) {
            if (user.role() == Role.ADMIN) {
                requireAnotherAdmin(user);
            }
            Instant now = clock.instant();
            users.suspend(user.id(), now, reason);
            int revoked = refreshTokens.revokeAllOfUser(user.id(), now);
            events.publishEvent(new UserSuspended(id, reason, revoked));
        }
        return users.findById(user.id()).map(Accounts::toAccount).orElseThrow();
    }

    /**
     * Lifts a suspension: the account can log in again; tokens from before the suspension stay
     * refused. Audited. No-op when the account is active.
     */
    @Transactional
    public Account reactivate(UserId id) {
        User user = users.findByIdForUpdate(id.value()).orElseThrow(UserNotFoundException::new);
        if (!user.isActive()) {
            users.reactivate(user.id());
            events.publishEvent(new UserReactivated(id, user.suspensionReason()));
        }
        return users.findById(user.id()).map(Accounts::toAccount).orElseThrow();
    }

    /**
     * Refuses to take away the last active admin. Admin changes are serialised first: otherwise two
     * admins suspending (or demoting) each other at the same moment would each see the other remain.
     */
    private void requireAnotherAdmin(User admin) {
        users.lockAdminChanges();
        if (users.countOtherActiveAdmins(admin.id()) == 0) {
            throw new AccountStateException("last_admin", "This is the last active admin; make another admin first.");
        }
    }

    /**
     * Makes a buyer a promoter with a profile. The caller's current access token still carries the
     * buyer role: refreshing it yields one with the promoter role.
     */
    @Transactional
    public PromoterProfile createPromoterProfile(UserId id, PromoterDetails details) {
        User user = users.findByIdForUpdate(id.value()).orElseThrow(UserNotFoundException::new);
        if (promoters.findByUserId(user.id()).isPresent()) {
            throw new AccountStateException("promoter_exists", "You already have a promoter profile.");
        }
        if (user.role() != Role.BUYER) {
            throw new AccountStateException(
                    "role_cannot_promote",
                    "Only buyer accounts can become promoters; this account is " + user.role() + ".");
        }
        PromoterProfile profile = promoters.insert(user.id(), details);
        // An upgrade the user asked for: their buyer token keeps working until they refresh.
        users.updateRole(user.id(), Role.PROMOTER, false);
        events.publishEvent(new PromoterProfileCreated(profile.id(), id, profile.companyName()));
        events.publishEvent(new UserRoleChanged(id, user.role(), Role.PROMOTER));
        return profile;
    }

    @Transactional(readOnly = true)
    public Optional<PromoterProfile> promoterProfile(UserId id) {
        return promoters.findByUserId(id.value());
    }

    @Transactional
    public PromoterProfile updatePromoterProfile(UserId id, PromoterDetails details) {
        PromoterProfile before = promoters.findByUserId(id.value()).orElseThrow(PromoterProfileNotFoundException::new);
        PromoterProfile after =
                promoters.update(id.value(), details).orElseThrow(PromoterProfileNotFoundException::new);
        events.publishEvent(new PromoterProfileUpdated(after.id(), id, before.companyName(), after.companyName()));
        return after;
    }

    private static Account toAccount(User user) {
        return new Account(
                new UserId(user.id()),
                user.email(),
                user.fullName(),
                user.phone(),
                user.role(),
                user.status(),
                user.createdAt(),
                user.lastLoginAt(),
                user.suspendedAt(),
                user.suspensionReason());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
