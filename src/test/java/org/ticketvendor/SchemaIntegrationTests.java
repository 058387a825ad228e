package org.ticketvendor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.ticketvendor.support.ApiClient;
import org.ticketvendor.support.IntegrationTest;

/** The database itself refuses invalid states, whatever the application does. */
@IntegrationTest
class SchemaIntegrationTests {

    @Autowired
    JdbcClient jdbc;

    @Test
    void refusesUnknownRolesAndStatuses() {
        assertThatThrownBy(() -> insertUser(ApiClient.newEmail(), "emperor"))
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("users_role_check");
    }

    @Test
    void emailsAreUniqueRegardlessOfCase() {
        String email = ApiClient.newEmail();
        insertUser(email, "buyer");
        assertThatThrownBy(() -> insertUser(email.toUpperCase(), "buyer"))
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void maintainsUpdatedAt() {
        UUID id = insertUser(ApiClient.newEmail(), "buyer");
        jdbc.sql("update users set updated_at = '2000-01-01', full_name = 'Renamed' where id = :id")
                .param("id", id)
                .update();
        Boolean recent = jdbc.sql("select updated_at > now() - interval '1 minute' from users where id = :id")
                .param("id", id)
                .query(Boolean.class)
                .single();
        assertThat(recent).isTrue();
    }

    @Test
    void orderTotalsMustAddUp() {
        assertThatThrownBy(() -> jdbc.sql("""
                                insert into orders (order_number, user_id, event_id, subtotal_minor, fees_minor,
                                                    total_minor, currency)
                                values ('TV-ABC123', :u, :e, 1000, 100, 5, 'EUR')
                                """)
                        .param("u", UUID.randomUUID())
                        .param("e", UUID.randomUUID())
                        .update())
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void everySeedTableExists() {
        for (String table : new String[] {
            "users",
            "promoters",
            "events",
            "ticket_tiers",
            "orders",
            "order_items",
            "tickets",
            "waitlist",
            "payment_transactions",
            "email_notifications",
            "audit_log",
            "refresh_tokens"
        }) {
            assertThat(jdbc.sql("select to_regclass(:t) is not null")
                            .param("t", table)
                            .query(Boolean.class)
                            .single())
                    .as(table)
                    .isTrue();
        }
    }

    private UUID insertUser(String email, String role) {
        return jdbc.sql("""
                        insert into users (email, password_hash, full_name, role)
                        values (:email, 'x', 'Schema Test', :role) returning id
                        """)
                .param("email", email)
                .param("role", role)
                .query(UUID.class)
                .single();
    }
}
