package org.ticketvendor.identity;

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
import org.ticketvendor.identity.persistence.UserRepository;

/** Accounts and promoter profiles: the identity module's API for other modules and its web layer. */
@Service
public class Accounts {

    private final UserRepository users;
    private final PromoterRepository promoters;
    private final PasswordEncoder passwordEncoder;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;

    Accounts(
            UserRepository users,
            PromoterRepository promoters,
            PasswordEncoder passwordEncoder,
            ApplicationEventPublisher events,
            TransactionTemplate transactions) {
        this.users = users;
        this.promoters = promoters;
        this.passwordEncoder = passwordEncoder;
        this.events = events;
        this.transactions = transactions;
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

    /** Changes a user's role; audited. No-op when the role is already the requested one. */
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
            users.updateRole(user.id(), role);
            events.publishEvent(new UserRoleChanged(id, user.role(), role));
        }
        return users.findById(user.id()).map(Accounts::toAccount).orElseThrow();
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
        users.updateRole(user.id(), Role.PROMOTER);
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
                user.createdAt());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
