package org.ticketvendor.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.ticketvendor.identity.Accounts;
import org.ticketvendor.identity.Role;
import org.ticketvendor.support.ApiClient;
import org.ticketvendor.support.IntegrationTest;

@IntegrationTest
class AuditIntegrationTests {

    @Autowired
    Accounts accounts;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anAuditRowCommitsWithItsChange() {
        String email = ApiClient.newEmail();
        accounts.register(new Accounts.Registration(email, ApiClient.PASSWORD, "Audited", null), Role.BUYER);
        assertThat(auditRowsAbout(email)).isEqualTo(1);
    }

    @Test
    void anAuditRowRollsBackWithItsChange() {
        String email = ApiClient.newEmail();
        transactions.executeWithoutResult(status -> {
            accounts.register(new Accounts.Registration(email, ApiClient.PASSWORD, "Rolled Back", null), Role.BUYER);
            assertThat(auditRowsAbout(email)).isEqualTo(1);
            status.setRollbackOnly();
        });
        assertThat(auditRowsAbout(email)).isZero();
        assertThat(accounts.findByEmail(email)).isEmpty();
    }

    @Test
    void theAuditLogIsAppendOnly() {
        String email = ApiClient.newEmail();
        accounts.register(new Accounts.Registration(email, ApiClient.PASSWORD, "Immutable", null), Role.BUYER);
        assertThatThrownBy(() -> jdbc.sql("update audit_log set action = 'user.tampered' where after->>'email' = :e")
                        .param("e", email)
                        .update())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from audit_log where after->>'email' = :e")
                        .param("e", email)
                        .update())
                .hasMessageContaining("append-only");
    }

    private long auditRowsAbout(String email) {
        return jdbc.sql("select count(*) from audit_log where action = 'user.registered' and after->>'email' = :e")
                .param("e", email)
                .query(Long.class)
                .single();
    }
}
