package org.ticketvendor.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.ticketvendor.identity.IdentityExceptions.AccountStateException;
import org.ticketvendor.support.ApiClient;
import org.ticketvendor.support.IntegrationTest;
import org.ticketvendor.support.TestAccounts;
import org.ticketvendor.support.TestAccounts.Session;

/**
 * The last active admin can be neither suspended nor demoted. The shared test database always has
 * other admins (the configured one at least), so each case runs in a transaction that first suspends
 * every other admin, and is rolled back.
 */
@IntegrationTest
class LastAdminIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    ApiClient api;
    UserId lastAdmin;
    UserId actor;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        Session admin = TestAccounts.withRole(api, "admin");
        lastAdmin = new UserId(UUID.fromString(admin.id()));
        actor = new UserId(UUID.randomUUID());
    }

    @Test
    void theLastActiveAdminCannotBeSuspended() {
        inRolledBackTransaction(() -> {
            suspendEveryOtherAdmin();
            assertThatThrownBy(() -> accounts.suspend(actor, lastAdmin, "Leaving no admin"))
                    .isInstanceOf(AccountStateException.class)
                    .extracting("code")
                    .isEqualTo("last_admin");
        });
        assertThat(accounts.find(lastAdmin).orElseThrow().status()).isEqualTo("active");
    }

    @Test
    void theLastActiveAdminCannotBeDemoted() {
        inRolledBackTransaction(() -> {
            suspendEveryOtherAdmin();
            assertThatThrownBy(() -> accounts.changeRole(lastAdmin, Role.BUYER))
                    .isInstanceOf(AccountStateException.class)
                    .extracting("code")
                    .isEqualTo("last_admin");
        });
        assertThat(accounts.find(lastAdmin).orElseThrow().role()).isEqualTo(Role.ADMIN);
    }

    @Test
    void withAnotherActiveAdminLeftBothAreAllowed() {
        // Negative control: the same steps with one other admin still active.
        Session other = TestAccounts.withRole(api, "admin");
        inRolledBackTransaction(() -> {
            jdbc.sql("""
                            update users set status = 'suspended', suspended_at = now()
                            where role = 'admin' and status = 'active' and id not in (:keep, :other)
                            """)
                    .param("keep", lastAdmin.value())
                    .param("other", UUID.fromString(other.id()))
                    .update();
            assertThat(accounts.suspend(actor, lastAdmin, "Another admin remains")
                            .status())
                    .isEqualTo("suspended");
        });
        inRolledBackTransaction(() ->
                assertThat(accounts.changeRole(lastAdmin, Role.BUYER).role()).isEqualTo(Role.BUYER));
    }

    private void suspendEveryOtherAdmin() {
        jdbc.sql("""
                        update users set status = 'suspended', suspended_at = now()
                        where role = 'admin' and status = 'active' and id <> :keep
                        """).param("keep", lastAdmin.value()).update();
    }

    private void inRolledBackTransaction(Runnable work) {
        transactions.executeWithoutResult(status -> {
            try {
                work.run();
            } finally {
                status.setRollbackOnly();
            }
        });
    }
}
