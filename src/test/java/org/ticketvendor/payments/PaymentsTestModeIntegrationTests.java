package org.ticketvendor.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.ticketvendor.payments.PaymentsExceptions.InvalidPaymentException;
import org.ticketvendor.payments.PaymentsExceptions.PaymentNotCancellableException;
import org.ticketvendor.payments.PaymentsExceptions.PaymentNotFoundException;
import org.ticketvendor.payments.PaymentsExceptions.PaymentNotRefundableException;
import org.ticketvendor.payments.PaymentsExceptions.PaymentReferenceConflictException;
import org.ticketvendor.payments.PaymentsExceptions.RefundExceedsPaymentException;
import org.ticketvendor.support.ApiClient;
import org.ticketvendor.support.IntegrationTest;

/** The default configuration (no Stripe keys): the built-in test-mode provider, end to end. */
@IntegrationTest
class PaymentsTestModeIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    Payments payments;

    @Autowired
    JdbcClient jdbc;

    ApiClient api;
    String buyer;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        buyer = api.newBuyerToken();
    }

    @Test
    void startCreatesAClearlyLabelledTestModeIntentOncePerReference() throws Exception {
        String reference = newReference();

        PaymentIntent intent = payments.start(reference, 2500, "EUR");

        assertThat(payments.provider()).isEqualTo("test");
        assertThat(intent.provider()).isEqualTo("test");
        assertThat(intent.providerPaymentId()).matches("tm_pi_[A-Za-z0-9]{24}");
        assertThat(intent.clientSecret()).matches(intent.providerPaymentId() + "_secret_[A-Za-z0-9]{24}");
        assertThat(intent.status()).isEqualTo(PaymentStatus.PENDING);
        assertThat(intent.toString()).doesNotContain(intent.clientSecret());
        assertThat(payments.start(reference, 2500, "EUR")).isEqualTo(intent);

        String racing = newReference();
        List<PaymentIntent> all = concurrently(10, () -> payments.start(racing, 900, "EUR"));
        assertThat(all).containsOnly(all.get(0));
        assertThat(jdbc.sql("select count(*) from payment_test_mode_intents where reference = :r")
                        .param("r", racing)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        var row = jdbc.sql("""
                        select kind, provider, status, amount_minor, currency, idempotency_key
                        from payment_transactions where reference = :r""").param("r", racing).query().singleRow();
        assertThat(row)
                .containsEntry("kind", "charge")
                .containsEntry("provider", "test")
                .containsEntry("status", "pending")
                .containsEntry("amount_minor", 900L)
                .containsEntry("currency", "EUR")
                .containsEntry("idempotency_key", "charge:" + racing);
    }

    @Test
    void refusesUnusableArgumentsAndASecondAmountForAReference() {
        assertThatThrownBy(() -> payments.start("", 100, "EUR")).isInstanceOf(InvalidPaymentException.class);
        assertThatThrownBy(() -> payments.start("x".repeat(201), 100, "EUR"))
                .isInstanceOf(InvalidPaymentException.class);
        assertThatThrownBy(() -> payments.start(newReference(), 0, "EUR")).isInstanceOf(InvalidPaymentException.class);
        assertThatThrownBy(() -> payments.start(newReference(), 100, "eur"))
                .isInstanceOf(InvalidPaymentException.class);
        String reference = newReference();
        payments.start(reference, 100, "EUR");
        assertThatThrownBy(() -> payments.start(reference, 200, "EUR"))
                .isInstanceOf(PaymentReferenceConflictException.class);
        assertThatThrownBy(() -> payments.check(newReference())).isInstanceOf(PaymentNotFoundException.class);
    }

    @Test
    void theSucceedingCardPaysAndPaymentSucceededIsPublishedOnce() throws Exception {
        String reference = newReference();
        PaymentIntent intent = payments.start(reference, 3000, "EUR");

        pay(intent.providerPaymentId(), "pm_test_succeeds")
                .statusCode(200)
                .body("id", equalTo(intent.providerPaymentId()))
                .body("status", equalTo("succeeded"))
                .body("test_mode", equalTo(true));

        assertThat(concurrently(5, () -> payments.check(reference))).containsOnly(PaymentStatus.SUCCEEDED);
        assertThat(audited("payment.succeeded", reference)).isEqualTo(1);
        pay(intent.providerPaymentId(), "pm_test_succeeds")
                .statusCode(409)
                .body("code", equalTo("payment_unexpected_state"));
        assertThat(audited("payment.succeeded", reference)).isEqualTo(1);
    }

    @Test
    void theDecliningCardFailsWithCardDeclinedAndMayBeRetried() {
        String reference = newReference();
        PaymentIntent intent = payments.start(reference, 1200, "EUR");

        pay(intent.providerPaymentId(), "pm_test_declines")
                .statusCode(200)
                .body("status", equalTo("failed"))
                .body("failure_code", equalTo("card_declined"));

        assertThat(payments.check(reference)).isEqualTo(PaymentStatus.FAILED);
        assertThat(audited("payment.failed", reference)).isEqualTo(1);
        assertThat(jdbc.sql(
                                "select after ->> 'reason' from audit_log where action = 'payment.failed' and entity_id = :r")
                        .param("r", reference)
                        .query(String.class)
                        .single())
                .isEqualTo("card_declined");

        pay(intent.providerPaymentId(), "pm_test_succeeds").statusCode(200).body("status", equalTo("succeeded"));
        assertThat(payments.check(reference)).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(audited("payment.succeeded", reference)).isEqualTo(1);
    }

    @Test
    void theDelayedCardIsProcessingUntilTheDelayHasPassed() {
        String reference = newReference();
        PaymentIntent intent = payments.start(reference, 4500, "EUR");

        pay(intent.providerPaymentId(), "pm_test_delayed").statusCode(200).body("status", equalTo("processing"));
        assertThat(payments.check(reference)).isEqualTo(PaymentStatus.PROCESSING);
        assertThat(payments.check(reference)).isEqualTo(PaymentStatus.PROCESSING);
        assertThat(audited("payment.succeeded", reference)).isZero();
        assertThatThrownBy(() -> payments.cancel(reference)).isInstanceOf(PaymentNotCancellableException.class);

        // Move the test-mode provider's clock past the configured delay (10 s by default).
        jdbc.sql("update payment_test_mode_intents set settles_at = settles_at - interval '1 minute' where id = :id")
                .param("id", intent.providerPaymentId())
                .update();

        assertThat(payments.check(reference)).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(payments.check(reference)).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(audited("payment.succeeded", reference)).isEqualTo(1);
    }

    @Test
    void thePayEndpointNeedsAnAccountAKnownMethodAndAKnownIntent() {
        PaymentIntent intent = payments.start(newReference(), 1000, "EUR");
        String path = "/api/v1/payments/test-mode/" + intent.providerPaymentId() + "/pay";

        api.anonymous()
                .body("{\"payment_method\": \"pm_test_succeeds\"}")
                .post(path)
                .then()
                .statusCode(401);
        pay(intent.providerPaymentId(), "pm_card_visa")
                .statusCode(400)
                .body("code", equalTo("validation_failed"))
                .body("errors.field", hasItem("payment_method"));
        api.as(buyer).body("{}").post(path).then().statusCode(400).body("code", equalTo("validation_failed"));
        api.as(buyer)
                .body("{\"payment_method\": \"pm_test_succeeds\", \"card_number\": \"4242424242424242\"}")
                .post(path)
                .then()
                .statusCode(400);
        pay("tm_pi_doesnotexist", "pm_test_succeeds").statusCode(404).body("code", equalTo("payment_not_found"));
        assertThat(payments.check(intent.reference())).isEqualTo(PaymentStatus.PENDING);
    }

    @Test
    void refundsPartlyThenFullyAndRefusesMore() {
        String reference = newReference();
        PaymentIntent intent = payments.start(reference, 1000, "EUR");
        assertThatThrownBy(() -> payments.refund(reference, 100, "too early"))
                .isInstanceOf(PaymentNotRefundableException.class);
        pay(intent.providerPaymentId(), "pm_test_succeeds").statusCode(200);

        Refund partial = payments.refund(reference, 300, "requested_by_customer");
        assertThat(partial.providerRefundId()).startsWith("tm_re_");
        assertThat(partial.status()).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThatThrownBy(() -> payments.refund(reference, 701, "too much"))
                .isInstanceOfSatisfying(RefundExceedsPaymentException.class, e -> assertThat(e.properties())
                        .containsEntry("refundable_minor", 700L));
        assertThat(payments.refund(reference, 700, "event cancelled").amountMinor())
                .isEqualTo(700);
        assertThatThrownBy(() -> payments.refund(reference, 1, "more"))
                .isInstanceOf(RefundExceedsPaymentException.class);

        assertThat(audited("payment.refunded", reference)).isEqualTo(2);
        assertThat(jdbc.sql("select refunded_minor from payment_test_mode_intents where id = :id")
                        .param("id", intent.providerPaymentId())
                        .query(Long.class)
                        .single())
                .isEqualTo(1000);
    }

    @Test
    void concurrentRefundsNeverExceedTheCharge() throws Exception {
        String reference = newReference();
        PaymentIntent intent = payments.start(reference, 1000, "EUR");
        pay(intent.providerPaymentId(), "pm_test_succeeds").statusCode(200);

        List<Boolean> refunded = concurrently(10, () -> {
            try {
                payments.refund(reference, 300, "requested_by_customer");
                return true;
            } catch (RefundExceedsPaymentException e) {
                return false;
            }
        });

        assertThat(refunded).filteredOn(ok -> ok).hasSize(3);
        assertThat(audited("payment.refunded", reference)).isEqualTo(3);
    }

    @Test
    void cancelStopsAnOpenPaymentAndLeavesASucceededOneAlone() {
        String reference = newReference();
        PaymentIntent intent = payments.start(reference, 800, "EUR");

        payments.cancel(reference);
        payments.cancel(reference);
        payments.cancel(newReference());

        assertThat(payments.check(reference)).isEqualTo(PaymentStatus.CANCELLED);
        assertThat(audited("payment.cancelled", reference)).isEqualTo(1);
        pay(intent.providerPaymentId(), "pm_test_succeeds").statusCode(409);
        assertThat(payments.start(reference, 800, "EUR").status()).isEqualTo(PaymentStatus.CANCELLED);

        String paid = newReference();
        PaymentIntent paidIntent = payments.start(paid, 800, "EUR");
        pay(paidIntent.providerPaymentId(), "pm_test_succeeds").statusCode(200);
        assertThatThrownBy(() -> payments.cancel(paid))
                .isInstanceOfSatisfying(
                        PaymentNotCancellableException.class,
                        e -> assertThat(e.status().value()).isEqualTo(409));
    }

    @Test
    void stripeWebhooksAreNotAcceptedInTestMode() {
        api.anonymous()
                .header("Stripe-Signature", "t=1,v1=00")
                .body("{\"id\": \"evt_1\", \"object\": \"event\"}")
                .post("/api/v1/payments/webhooks/stripe")
                .then()
                .statusCode(404)
                .body("code", equalTo("webhooks_disabled"));
    }

    private ValidatableResponse pay(String providerPaymentId, String method) {
        return api.as(buyer)
                .body("{\"payment_method\": \"" + method + "\"}")
                .post("/api/v1/payments/test-mode/" + providerPaymentId + "/pay")
                .then();
    }

    private long audited(String action, String reference) {
        return jdbc.sql("select count(*) from audit_log where action = :action and entity_id = :reference")
                .param("action", action)
                .param("reference", reference)
                .query(Long.class)
                .single();
    }

    private static String newReference() {
        return "ord-" + UUID.randomUUID();
    }

    private static <T> List<T> concurrently(int threads, Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<T> results = new java.util.ArrayList<>();
            for (Future<T> future : pool.invokeAll(java.util.Collections.nCopies(threads, task))) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
