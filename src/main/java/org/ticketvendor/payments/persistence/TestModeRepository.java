package org.ticketvendor.payments.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The test-mode provider's side of the payments ({@code payment_test_mode_intents} and {@code
 * payment_test_mode_refunds}): what Stripe would store for us. Each method is one statement in its
 * own transaction, like a call to a remote provider.
 */
@Repository
public class TestModeRepository {

    private static final String COLUMNS = """
            id, idempotency_key, client_secret, reference, amount_minor, currency, status, payment_method,
            last_error_code, settles_at, refunded_minor""";

    private final JdbcClient jdbc;

    TestModeRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A test-mode payment intent; {@code status} uses Stripe's words. */
    public record TestIntentRow(
            String id,
            String idempotencyKey,
            String clientSecret,
            String reference,
            long amountMinor,
            String currency,
            String status,
            String paymentMethod,
            String lastErrorCode,
            Instant settlesAt,
            long refundedMinor) {

        @Override
        public String toString() {
            return "TestIntentRow[id=" + id + ", status=" + status + "]";
        }
    }

    public record TestRefundRow(String id, String idempotencyKey, String intentId, long amountMinor) {}

    /** Creates the intent unless one exists for the idempotency key; returns the key's intent. */
    public TestIntentRow createIfAbsent(
            String id,
            String idempotencyKey,
            String clientSecret,
            String reference,
            long amountMinor,
            String currency) {
        jdbc.sql("""
                        insert into payment_test_mode_intents (id, idempotency_key, client_secret, reference,
                                                               amount_minor, currency)
                        values (:id, :key, :secret, :reference, :amount, :currency)
                        on conflict (idempotency_key) do nothing
                        """)
                .param("id", id)
                .param("key", idempotencyKey)
                .param("secret", clientSecret)
                .param("reference", reference)
                .param("amount", amountMinor)
                .param("currency", currency)
                .update();
        return jdbc.sql("select %s from payment_test_mode_intents where idempotency_key = :key".formatted(COLUMNS))
                .param("key", idempotencyKey)
                .query(TestModeRepository::map)
                .single();
    }

    public Optional<TestIntentRow> find(String id) {
        return jdbc.sql("select %s from payment_test_mode_intents where id = :id".formatted(COLUMNS))
                .param("id", id)
                .query(TestModeRepository::map)
                .optional();
    }

    /** A processing payment whose time has come succeeds. */
    public Optional<TestIntentRow> settleIfDue(String id, Instant now) {
        return jdbc.sql("""
                        update payment_test_mode_intents set status = 'succeeded', settles_at = null
                        where id = :id and status = 'processing' and settles_at <= :now
                        returning %s
                        """.formatted(COLUMNS))
                .param("id", id)
                .param("now", Timestamp.from(now))
                .query(TestModeRepository::map)
                .optional();
    }

    /**
     * Applies a payment attempt to an intent that awaits one: {@code status} {@code succeeded},
     * {@code processing} (until {@code settlesAt}) or {@code requires_payment_method} with an error.
     *
     * @return the intent after the attempt, or empty when it awaits no payment
     */
    public Optional<TestIntentRow> attempt(
            String id, String paymentMethod, String status, String errorCode, Instant settlesAt) {
        return jdbc.sql("""
                        update payment_test_mode_intents
                        set status = :status, payment_method = :method, last_error_code = :error,
                            settles_at = :settlesAt
                        where id = :id and status = 'requires_payment_method'
                        returning %s
                        """.formatted(COLUMNS))
                .param("id", id)
                .param("status", status)
                .param("method", paymentMethod)
                .param("error", errorCode)
                .param("settlesAt", settlesAt == null ? null : Timestamp.from(settlesAt))
                .query(TestModeRepository::map)
                .optional();
    }

    /** Cancels an intent that awaits a payment; empty when it does not. */
    public Optional<TestIntentRow> cancel(String id) {
        return jdbc.sql("""
                        update payment_test_mode_intents set status = 'canceled'
                        where id = :id and status = 'requires_payment_method'
                        returning %s
                        """.formatted(COLUMNS))
                .param("id", id)
                .query(TestModeRepository::map)
                .optional();
    }

    /**
     * Refunds part of a succeeded intent in one statement: the refund row exists exactly when the
     * intent's refunded amount was raised, and never beyond the intent's amount. A second refund
     * with the same key (also a concurrent one) adds nothing and returns the first.
     *
     * @return the key's refund, or empty when the intent is not succeeded or has too little left
     */
    public Optional<TestRefundRow> refund(String refundId, String idempotencyKey, String intentId, long amountMinor) {
        Optional<TestRefundRow> existing = findRefund(idempotencyKey);
        if (existing.isPresent()) {
            return existing;
        }
        try {
            return jdbc.sql("""
                            with charged as (
                                update payment_test_mode_intents set refunded_minor = refunded_minor + :amount
                                where id = :intentId and status = 'succeeded'
                                  and refunded_minor + :amount <= amount_minor
                                returning id)
                            insert into payment_test_mode_refunds (id, idempotency_key, intent_id, amount_minor)
                            select :refundId, :key, id, :amount from charged
                            returning id, idempotency_key, intent_id, amount_minor
                            """)
                    .param("refundId", refundId)
                    .param("key", idempotencyKey)
                    .param("intentId", intentId)
                    .param("amount", amountMinor)
                    .query(TestModeRepository::mapRefund)
                    .optional();
        } catch (DuplicateKeyException e) {
            return findRefund(idempotencyKey);
        }
    }

    private Optional<TestRefundRow> findRefund(String idempotencyKey) {
        return jdbc.sql("""
                        select id, idempotency_key, intent_id, amount_minor from payment_test_mode_refunds
                        where idempotency_key = :key
                        """)
                .param("key", idempotencyKey)
                .query(TestModeRepository::mapRefund)
                .optional();
    }

    private static TestRefundRow mapRefund(ResultSet rs, int row) throws SQLException {
        return new TestRefundRow(
                rs.getString("id"),
                rs.getString("idempotency_key"),
                rs.getString("intent_id"),
                rs.getLong("amount_minor"));
    }

    private static TestIntentRow map(ResultSet rs, int row) throws SQLException {
        Timestamp settlesAt = rs.getTimestamp("settles_at");
        return new TestIntentRow(
                rs.getString("id"),
                rs.getString("idempotency_key"),
                rs.getString("client_secret"),
                rs.getString("reference"),
                rs.getLong("amount_minor"),
                rs.getString("currency"),
                rs.getString("status"),
                rs.getString("payment_method"),
                rs.getString("last_error_code"),
                settlesAt == null ? null : settlesAt.toInstant(),
                rs.getLong("refunded_minor"));
    }
}
