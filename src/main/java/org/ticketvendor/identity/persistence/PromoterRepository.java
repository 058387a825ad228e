package org.ticketvendor.identity.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.ticketvendor.identity.PromoterDetails;

/** The {@code promoters} table: one profile per promoting user. */
@Repository
public class PromoterRepository {

    private static final String COLUMNS = "id, user_id, company_name, contact_email, contact_phone, website, "
            + "stripe_account_id, status, created_at, updated_at";

    private final JdbcClient jdbc;

    PromoterRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A promoter profile as stored. */
    public record PromoterRow(
            UUID id,
            UUID userId,
            String companyName,
            String contactEmail,
            String contactPhone,
            String website,
            String stripeAccountId,
            String status,
            Instant createdAt,
            Instant updatedAt) {}

    public PromoterRow insert(UUID userId, PromoterDetails details) {
        return jdbc.sql("""
                        insert into promoters (user_id, company_name, contact_email, contact_phone, website, stripe_account_id)
                        values (:userId, :company, :email, :phone, :website, :stripe)
                        returning %s
                        """.formatted(COLUMNS))
                .param("userId", userId)
                .param("company", details.companyName())
                .param("email", details.contactEmail())
                .param("phone", details.contactPhone())
                .param("website", details.website())
                .param("stripe", details.stripeAccountId())
                .query(PromoterRepository::map)
                .single();
    }

    public Optional<PromoterRow> update(UUID userId, PromoterDetails details) {
        return jdbc.sql("""
                        update promoters set company_name = :company, contact_email = :email,
                               contact_phone = :phone, website = :website, stripe_account_id = :stripe
                        where user_id = :userId and deleted_at is null
                        returning %s
                        """.formatted(COLUMNS))
                .param("userId", userId)
                .param("company", details.companyName())
                .param("email", details.contactEmail())
                .param("phone", details.contactPhone())
                .param("website", details.website())
                .param("stripe", details.stripeAccountId())
                .query(PromoterRepository::map)
                .optional();
    }

    public Optional<PromoterRow> findByUserId(UUID userId) {
        return jdbc.sql("select %s from promoters where user_id = :userId and deleted_at is null".formatted(COLUMNS))
                .param("userId", userId)
                .query(PromoterRepository::map)
                .optional();
    }

    static PromoterRow map(ResultSet rs, int row) throws SQLException {
        return new PromoterRow(
                rs.getObject("id", UUID.class),
                rs.getObject("user_id", UUID.class),
                rs.getString("company_name"),
                rs.getString("contact_email"),
                rs.getString("contact_phone"),
                rs.getString("website"),
                rs.getString("stripe_account_id"),
                rs.getString("status"),
                UserRepository.instant(rs.getTimestamp("created_at")),
                UserRepository.instant(rs.getTimestamp("updated_at")));
    }
}
