package org.ticketvendor.payments.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.ticketvendor.payments.PaymentStatus;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code payment_transactions} table: one row per charge (one per reference) and per refund.
 * Status changes are conditional updates, so concurrent checks and webhooks move a row into a state
 * once, and the caller that moved it is the one that announces it.
 */
@Repository
public class PaymentTransactionRepository {

    private static final String COLUMNS = """
            id, reference, provider, kind, provider_payment_id, client_secret, status, amount_minor, currency,
            failure_code, failure_message, idempotency_key""";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    PaymentTransactionRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** A charge or refund row. {@code providerPaymentId} is the refund's id on refund rows. */
    public record TransactionRow(
            UUID id,
            String reference,
            String provider,
            String kind,
            String providerPaymentId,
            String clientSecret,
            PaymentStatus status,
            long amountMinor,
            String currency,
            String failureCode,
            String failureMessage,
            String idempotencyKey) {

        @Override
        public String toString() {
            return "TransactionRow[id=" + id + ", reference=" + reference + ", kind=" + kind + ", status=" + status
                    + "]";
        }
    }

    /** Inserts a pending charge unless the reference already has one. */
    public void insertChargeIfAbsent(
            String reference, String provider, long amountMinor, String currency, String idempotencyKey) {
        jdbc.sql("""
                        insert into payment_transactions (reference, provider, kind, status, amount_minor, currency,
                                                          idempotency_key)
                        values (:reference, :provider, 'charge', 'pending', :amount, :currency, :key)
                        on conflict do nothing
                        """)
                .param("reference", reference)
                .param("provider", provider)
                .param("amount", amountMinor)
                .param("currency", currency)
                .param("key", idempotencyKey)
                .update();
    }

    public Optional<TransactionRow> findCharge(String reference) {
        return jdbc.sql("select %s from payment_transactions where reference = :reference and kind = 'charge'"
                        .formatted(COLUMNS))
                .param("reference", reference)
                .query(PaymentTransactionRepository::map)
                .optional();
    }

    /** The charge, locked until the transaction ends (refunds of one charge are decided one at a time). */
    public Optional<TransactionRow> lockCharge(String reference) {
        return jdbc.sql("""
                        select %s from payment_transactions where reference = :reference and kind = 'charge'
                        for update
                        """.formatted(COLUMNS))
                .param("reference", reference)
                .query(PaymentTransactionRepository::map)
                .optional();
    }

    public Optional<TransactionRow> findByProviderId(String provider, String kind, String providerId) {
        return jdbc.sql("""
                        select %s from payment_transactions
                        where provider = :provider and provider_payment_id = :providerId and kind = :kind
                        """.formatted(COLUMNS))
                .param("provider", provider)
                .param("providerId", providerId)
                .param("kind", kind)
                .query(PaymentTransactionRepository::map)
                .optional();
    }

    public Optional<TransactionRow> findByIdempotencyKey(String idempotencyKey) {
        return jdbc.sql("select %s from payment_transactions where idempotency_key = :key".formatted(COLUMNS))
                .param("key", idempotencyKey)
                .query(PaymentTransactionRepository::map)
                .optional();
    }

    public Optional<TransactionRow> findById(UUID id) {
        return jdbc.sql("select %s from payment_transactions where id = :id".formatted(COLUMNS))
                .param("id", id)
                .query(PaymentTransactionRepository::map)
                .optional();
    }

    /**
     * Attaches the provider's ids to a row that has none yet (or the same ones).
     *
     * @return the row, or empty when it already carries another provider id
     */
    public Optional<TransactionRow> attachProviderIds(
            UUID id, String providerPaymentId, String clientSecret, Map<String, Object> raw) {
        return jdbc.sql("""
                        update payment_transactions
                        set provider_payment_id = :providerId, client_secret = coalesce(:secret, client_secret),
                            raw = cast(:raw as jsonb), failure_code = null, failure_message = null
                        where id = :id and (provider_payment_id is null or provider_payment_id = :providerId)
                        returning %s
                        """.formatted(COLUMNS))
                .param("id", id)
                .param("providerId", providerPaymentId)
                .param("secret", clientSecret)
                .param("raw", json.writeValueAsString(raw))
                .query(PaymentTransactionRepository::map)
                .optional();
    }

    /**
     * Moves a row to {@code target} if that is a move the state allows: nothing leaves {@code
     * succeeded}; nothing but success leaves {@code cancelled} (the provider took the money after
     * all); {@code failed} is entered only from an open state. Returns the row only when this call
     * moved it, which makes the caller the single announcer of the move.
     */
    public Optional<TransactionRow> transition(
            UUID id, PaymentStatus target, String failureCode, String failureMessage, Map<String, Object> raw) {
        String guard =
                switch (target) {
                    case SUCCEEDED -> "status <> 'succeeded'";
                    case FAILED -> "status not in ('succeeded', 'cancelled', 'failed')";
                    default -> "status not in ('succeeded', 'cancelled') and status <> :target";
                };
        return jdbc.sql("""
                        update payment_transactions
                        set status = :target, failure_code = :code, failure_message = :message,
                            raw = cast(:raw as jsonb)
                        where id = :id and %s
                        returning %s
                        """.formatted(guard, COLUMNS))
                .param("id", id)
                .param("target", target.value())
                .param("code", failureCode)
                .param("message", failureMessage)
                .param("raw", json.writeValueAsString(raw))
                .query(PaymentTransactionRepository::map)
                .optional();
    }

    /**
     * Keeps the provider's latest answer when it changed no status, and forgets the note of an
     * earlier failed call (a failed payment keeps its failure code).
     */
    public void recordRaw(UUID id, Map<String, Object> raw) {
        String value = json.writeValueAsString(raw);
        jdbc.sql("""
                        update payment_transactions
                        set raw = cast(:raw as jsonb),
                            failure_code = case when status = 'failed' then failure_code end,
                            failure_message = case when status = 'failed' then failure_message end
                        where id = :id
                          and (raw is distinct from cast(:raw as jsonb)
                               or (status <> 'failed' and failure_code is not null))
                        """).param("id", id).param("raw", value).update();
    }

    /** Notes why the last provider call failed, keeping the status (the call may be repeated). */
    public void recordFailure(UUID id, String failureCode, String failureMessage) {
        jdbc.sql("update payment_transactions set failure_code = :code, failure_message = :message where id = :id")
                .param("id", id)
                .param("code", failureCode)
                .param("message", failureMessage)
                .update();
    }

    /** Money already refunded or on its way back (failed and cancelled refunds do not count). */
    public long refundedMinor(String reference) {
        return jdbc.sql("""
                        select coalesce(sum(amount_minor), 0) from payment_transactions
                        where reference = :reference and kind = 'refund' and status not in ('failed', 'cancelled')
                        """).param("reference", reference).query(Long.class).single();
    }

    /** Inserts a refund row; with a provider id when the provider reported it first. */
    public TransactionRow insertRefund(
            String reference,
            String provider,
            String providerRefundId,
            PaymentStatus status,
            long amountMinor,
            String currency,
            String idempotencyKey,
            Map<String, Object> raw) {
        return jdbc.sql("""
                        insert into payment_transactions (reference, provider, kind, provider_payment_id, status,
                                                          amount_minor, currency, idempotency_key, raw)
                        values (:reference, :provider, 'refund', :providerId, :status, :amount, :currency, :key,
                                cast(:raw as jsonb))
                        returning %s
                        """.formatted(COLUMNS))
                .param("reference", reference)
                .param("provider", provider)
                .param("providerId", providerRefundId)
                .param("status", status.value())
                .param("amount", amountMinor)
                .param("currency", currency)
                .param("key", idempotencyKey)
                .param("raw", json.writeValueAsString(raw))
                .query(PaymentTransactionRepository::map)
                .single();
    }

    /**
     * Gives a refund row the provider's refund id and status, if nobody did yet.
     *
     * @return the row when this call claimed it
     */
    public Optional<TransactionRow> claimRefund(
            UUID id, String providerRefundId, PaymentStatus status, String failureCode, Map<String, Object> raw) {
        return jdbc.sql("""
                        update payment_transactions
                        set provider_payment_id = :providerId, status = :status, failure_code = :code,
                            failure_message = null, raw = cast(:raw as jsonb)
                        where id = :id and kind = 'refund' and provider_payment_id is null
                        returning %s
                        """.formatted(COLUMNS))
                .param("id", id)
                .param("providerId", providerRefundId)
                .param("status", status.value())
                .param("code", failureCode)
                .param("raw", json.writeValueAsString(raw))
                .query(PaymentTransactionRepository::map)
                .optional();
    }

    /** Updates a refund's status as the provider reports it (e.g. pending to succeeded). */
    public void updateRefundStatus(UUID id, PaymentStatus status, String failureCode) {
        jdbc.sql("""
                        update payment_transactions set status = :status, failure_code = :code
                        where id = :id and kind = 'refund' and status <> :status
                        """)
                .param("id", id)
                .param("status", status.value())
                .param("code", failureCode)
                .update();
    }

    static TransactionRow map(ResultSet rs, int row) throws SQLException {
        return new TransactionRow(
                rs.getObject("id", UUID.class),
                rs.getString("reference"),
                rs.getString("provider"),
                rs.getString("kind"),
                rs.getString("provider_payment_id"),
                rs.getString("client_secret"),
                PaymentStatus.of(rs.getString("status")),
                rs.getLong("amount_minor"),
                rs.getString("currency"),
                rs.getString("failure_code"),
                rs.getString("failure_message"),
                rs.getString("idempotency_key"));
    }
}
