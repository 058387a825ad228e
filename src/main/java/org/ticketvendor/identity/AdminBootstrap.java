package org.ticketvendor.identity;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.ticketvendor.identity.IdentityExceptions.EmailAlreadyRegisteredException;
import org.ticketvendor.identity.domain.Emails;
import org.ticketvendor.identity.persistence.UserRepository;

/**
 * Creates the first admin from configuration ({@code ADMIN_EMAIL}, {@code ADMIN_PASSWORD}) so that
 * no credentials are ever built in. Runs before the web server accepts requests. An existing account
 * with that email is made admin only when it has exactly that password: otherwise whoever registered
 * the address first would become admin, so start-up stops and says why.
 */
@Component
class AdminBootstrap implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final Accounts accounts;
    private final UserRepository users;
    private final PasswordEncoder passwordEncoder;
    private final IdentitySettings settings;

    AdminBootstrap(
            Accounts accounts, UserRepository users, PasswordEncoder passwordEncoder, IdentitySettings settings) {
        this.accounts = accounts;
        this.users = users;
        this.passwordEncoder = passwordEncoder;
        this.settings = settings;
    }

    @Override
    public void afterSingletonsInstantiated() {
        String email = Emails.normalize(settings.adminEmail());
        if (email == null || email.isBlank()) {
            return;
        }
        String password = settings.adminPassword();
        if (password == null || password.isBlank()) {
            throw new IllegalStateException("ADMIN_EMAIL is set but ADMIN_PASSWORD is not");
        }
        var existing = users.findByEmail(email);
        if (existing.isPresent()) {
            if (existing.get().role() == Role.ADMIN) {
                return;
            }
            if (!passwordEncoder.matches(password, existing.get().passwordHash())) {
                throw new IllegalStateException("ADMIN_EMAIL " + email + " belongs to an existing non-admin account "
                        + "whose password is not ADMIN_PASSWORD; refusing to make it admin");
            }
            accounts.changeRole(new UserId(existing.get().id()), Role.ADMIN);
            log.info("Granted the admin role to the configured admin {}", email);
            return;
        }
        try {
            accounts.register(new Accounts.Registration(email, password, "Administrator", null), Role.ADMIN);
            log.info("Created the configured admin {}", email);
        } catch (EmailAlreadyRegisteredException e) {
            log.info("The configured admin {} was created by another instance", email);
        } catch (IdentityExceptions.WeakPasswordException e) {
            throw new IllegalStateException(
                    "ADMIN_PASSWORD is too weak: " + e.properties().get("errors"), e);
        }
    }
}
