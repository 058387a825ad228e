package org.ticketvendor.identity.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.ticketvendor.identity.PromoterDetails;
import org.ticketvendor.identity.PromoterId;
import org.ticketvendor.identity.PromoterProfile;
import org.ticketvendor.identity.UserId;

/** The {@code promoters} table: one profile per promoting user. */
@Repository
public class PromoterRepository {

    private static final String COLUMNS = "id, user_id, company_name, contact_email, contact_phone, website, "
            + "stripe_account_id, status, created_at, updated_at";

    private final JdbcClient jdbc;

    PromoterRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public PromoterProfile insert(UUID userId, PromoterDetails details) {
        return jdbc.sql("""
                        insert into promoters (user_id, company_name, contact_email, contact_phone, website, stripe_account_id)
                        values (:userId, :company, :email, :phone, :website, :stripe)
                        returning %s
                        """.formatted(COLUMNS))
                .params(params(userId, details))
                .query(PromoterRepository::map)
                .single();
    }

    public Optional<PromoterProfile> update(UUID userId, PromoterDetails details) {
        return jdbc.sql("""
                        update promoters set company_name = :company, contact_email = :email,
                               contact_phone = :phone, website = :website, stripe_account_id = :stripe
                        where user_id = :userId and deleted_at is null
                        returning %s
                        """.formatted(COLUMNS))
                .params(params(userId, details))
                .query(PromoterRepository::map)
                .optional();
    }

    private static java.util.Map<String, Object> params(UUID userId, PromoterDetails details) {
        java.util.Map<String, Object> params = new java.util.HashMap<>();
        params.put("userId", userId);
        params.put("company", details.companyName());
        params.put("email", details.contactEmail());
        params.put("phone", details.contactPhone());
        params.put("website", details.website());
        params.put("stripe", details.stripeAccountId());
        return params;
    }

    public Optional<PromoterProfile> findByUserId(UUID userId) {
        return jdbc.sql("select %s from promoters where user_id = :userId and deleted_at is null".formatted(COLUMNS))
                .param("userId", userId)
                .query(PromoterRepository::map)
                .optional();
    }

    static PromoterProfile map(ResultSet rs, int row) throws SQLException {
        return new PromoterProfile(
                new PromoterId(rs.getObject("id", UUID.class)),
                new UserId(rs.getObject("user_id", UUID.class)),
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
