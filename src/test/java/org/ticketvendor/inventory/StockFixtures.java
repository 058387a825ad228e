package org.ticketvendor.inventory;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.ticketvendor.support.ApiClient;

/** Rows the inventory's tables point at (a promoter, an event, a tier), inserted with plain SQL. */
final class StockFixtures {

    private StockFixtures() {}

    /** A new tier (capacity 100 in the catalog) with no stock row yet. */
    static UUID newTier(JdbcClient jdbc) {

        UUID user = jdbc.sql("""
                        insert into users (email, password_hash, full_name, role)
                        values (:email, 'x', 'Inventory Test', 'promoter') returning id
                        """)
                .param("email", ApiClient.newEmail())
                .query(UUID.class)
                .single();
        UUID promoter = jdbc.sql("""
                        insert into promoters (user_id, company_name, contact_email)
                        values (:user, 'Inventory Test Ltd', 'stock@example.com') returning id
                        """).param("user", user).query(UUID.class).single();
        UUID event = jdbc.sql("""
                        insert into events (promoter_id, title, slug, venue_name, city, starts_at, currency)
                        values (:promoter, 'Stock Test', :slug, 'Hall', 'Lisbon', :startsAt, 'EUR') returning id
                        """)
                .param("promoter", promoter)
                .param("slug", "stock-test-" + UUID.randomUUID())
                .param("startsAt", OffsetDateTime.of(2030, 1, 1, 20, 0, 0, 0, ZoneOffset.UTC))
                .query(UUID.class)
                .single();
        return jdbc.sql("""
                        insert into ticket_tiers (event_id, name, price_minor, currency, capacity)
                        values (:event, 'General', 2500, 'EUR', 100) returning id
                        """).param("event", event).query(UUID.class).single();
    }
}
