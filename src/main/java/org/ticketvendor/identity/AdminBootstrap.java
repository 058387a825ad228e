package org.ticketvendor.identity;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import org.ticketvendor.identity.IdentityExceptions.EmailAlreadyRegisteredException;

/**
 * Creates the first admin from configuration ({@code ADMIN_EMAIL}, {@code ADMIN_PASSWORD}) so that
 * no credentials are ever built in. An existing account with that email is made admin instead; its
 * password is left alone.
 */
@Component
class AdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final Accounts accounts;
    private final IdentitySettings settings;

    AdminBootstrap(Accounts accounts, IdentitySettings settings) {
        this.accounts = accounts;
        this.settings = settings;
    }

    @Override
    public void run(ApplicationArguments args) {
        String email = settings.adminEmail();
        if (email == null || email.isBlank()) {
            return;
        }
        var existing = accounts.findByEmail(email);
        if (existing.isPresent()) {
            if (existing.get().role() != Role.ADMIN) {
                accounts.changeRole(existing.get().id(), Role.ADMIN);
                log.info("Granted the admin role to the configured admin {}", email);
            }
            return;
        }
        if (settings.adminPassword() == null || settings.adminPassword().isBlank()) {
            throw new IllegalStateException("ADMIN_EMAIL is set but ADMIN_PASSWORD is not");
        }
        try {
            accounts.register(
                    new Accounts.Registration(email, settings.adminPassword(), "Administrator", null), Role.ADMIN);
            log.info("Created the configured admin {}", email);
        } catch (EmailAlreadyRegisteredException e) {
            log.info("The configured admin {} was created by another instance", email);
        } catch (IdentityExceptions.WeakPasswordException e) {
            throw new IllegalStateException(
                    "ADMIN_PASSWORD is too weak: " + e.properties().get("errors"), e);
        }
    }
}
