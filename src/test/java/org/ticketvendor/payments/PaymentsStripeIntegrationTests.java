package org.ticketvendor.payments;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.ticketvendor.payments.PaymentsExceptions.PaymentNotCancellableException;
import org.ticketvendor.payments.PaymentsExceptions.RefundExceedsPaymentException;
import org.ticketvendor.platform.ApiException;
import org.ticketvendor.support.ApiClient;
import org.ticketvendor.support.IntegrationTest;

/**
 * The Stripe adapter against a local server speaking Stripe's API (WireMock with payloads modelled on
 * Stripe's API reference), through the official library; webhooks signed like Stripe signs them.
 * Webhook tests are in {@link StripeWebhookScenarios}, run from here to share this context.
 */
@IntegrationTest
@Import(FailingListener.class)
class PaymentsStripeIntegrationTests {

    static final String SECRET_KEY = "sk_test_51TicketVendorLocalWireMock";
    static final String WEBHOOK_SECRET = "whsec_" + UUID.randomUUID().toString().replace("-", "");
    static final WireMockServer stripe =
            new WireMockServer(WireMockConfiguration.options().dynamicPort());

    static {
        stripe.start();
    }

    @DynamicPropertySource
    static void stripeAccount(DynamicPropertyRegistry registry) {
        registry.add("ticketvendor.payments.stripe.secret-key", () -> SECRET_KEY);
        registry.add("ticketvendor.payments.stripe.webhook-secret", () -> WEBHOOK_SECRET);
        registry.add("ticketvendor.payments.stripe.api-base", stripe::baseUrl);
        // The library would otherwise retry errors and add idempotency keys of its own.
        registry.add("ticketvendor.payments.stripe.max-network-retries", () -> "0");
    }

    @AfterAll
    static void stopStripe() {
        stripe.resetAll();
    }

    @LocalServerPort
    int port;

    @Autowired
    Payments payments;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    FailingListener failingListener;

    StripeWebhookScenarios webhooks() {
        return new StripeWebhookScenarios(this);
    }

    @Test
    void startCreatesOneIntentWithAnIdempotencyKeyDerivedFromTheReference() {
        String reference = newReference();
        String intentId = stubCreatedIntent(reference, 2500, "eur");

        PaymentIntent intent = payments.start(reference, 2500, "EUR");

        assertThat(payments.provider()).isEqualTo("stripe");
        assertThat(intent.provider()).isEqualTo("stripe");
        assertThat(intent.providerPaymentId()).isEqualTo(intentId);
        assertThat(intent.clientSecret()).startsWith(intentId + "_secret_");
        assertThat(intent.status()).isEqualTo(PaymentStatus.PENDING);
        assertThat(intent.amountMinor()).isEqualTo(2500);
        assertThat(intent.currency()).isEqualTo("EUR");
        List<LoggedRequest> requests = createRequests(reference);
        assertThat(requests).hasSize(1);
        LoggedRequest request = requests.get(0);
        assertThat(request.getHeader("Idempotency-Key")).isEqualTo("charge:" + reference);
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + SECRET_KEY);
        assertThat(request.formParameters().get("amount").firstValue()).isEqualTo("2500");
        assertThat(request.formParameters().get("currency").firstValue()).isEqualTo("eur");
        assertThat(request.formParameters()
                        .get("automatic_payment_methods[enabled]")
                        .firstValue())
                .isEqualTo("true");
        String raw = jdbc.sql("select raw::text from payment_transactions where reference = :r and kind = 'charge'")
                .param("r", reference)
                .query(String.class)
                .single();
        assertThat(raw).contains(intentId).doesNotContain("secret");
    }

    @Test
    void startingTwiceOrConcurrentlyNeverMakesASecondIntent() throws Exception {
        String reference = newReference();
        String intentId = stubCreatedIntent(reference, 1800, "usd");

        PaymentIntent first = payments.start(reference, 1800, "USD");
        PaymentIntent second = payments.start(reference, 1800, "USD");
        assertThat(second).isEqualTo(first);
        assertThat(createRequests(reference)).hasSize(1);

        String concurrentReference = newReference();
        stubCreatedIntent(concurrentReference, 900, "usd");
        List<PaymentIntent> all = concurrently(10, () -> payments.start(concurrentReference, 900, "USD"));
        assertThat(all)
                .extracting(PaymentIntent::providerPaymentId)
                .containsOnly(all.get(0).providerPaymentId());
        // Racing starts may each ask Stripe, but always under the same key: Stripe answers with one intent.
        assertThat(createRequests(concurrentReference))
                .extracting(r -> r.getHeader("Idempotency-Key"))
                .containsOnly("charge:" + concurrentReference);
        assertThat(countRows(concurrentReference)).isEqualTo(1);
        assertThat(intentId).isEqualTo(first.providerPaymentId());
    }

    @Test
    void checkRecordsSuccessAndPublishesPaymentSucceededExactlyOnce() throws Exception {
        String reference = newReference();
        String intentId = stubCreatedIntent(reference, 4200, "eur");
        payments.start(reference, 4200, "EUR");
        stubIntent(intentId, StripeFixtures.paymentIntent(intentId, reference, 4200, "eur", "succeeded"));

        List<PaymentStatus> statuses = concurrently(10, () -> payments.check(reference));

        assertThat(statuses).containsOnly(PaymentStatus.SUCCEEDED);
        assertThat(audited("payment.succeeded", reference)).isEqualTo(1);
        int asked = stripe.findAll(getRequestedFor(urlPathEqualTo("/v1/payment_intents/" + intentId)))
                .size();
        assertThat(payments.check(reference)).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(stripe.findAll(getRequestedFor(urlPathEqualTo("/v1/payment_intents/" + intentId))))
                .as("a succeeded payment is final: answered from the record")
                .hasSize(asked);
        assertThat(payments.find(reference).orElseThrow().status()).isEqualTo(PaymentStatus.SUCCEEDED);
    }

    @Test
    void checkRecordsADeclineAsAFailureWithItsReasonAndNoCardData() {
        String reference = newReference();
        String intentId = stubCreatedIntent(reference, 1500, "eur");
        payments.start(reference, 1500, "EUR");
        stubIntent(intentId, StripeFixtures.declinedPaymentIntent(intentId, reference, 1500, "eur"));

        assertThat(payments.check(reference)).isEqualTo(PaymentStatus.FAILED);
        assertThat(payments.check(reference)).isEqualTo(PaymentStatus.FAILED);

        assertThat(audited("payment.failed", reference)).isEqualTo(1);
        var row = jdbc.sql("select failure_code, raw::text as raw from payment_transactions where reference = :r")
                .param("r", reference)
                .query()
                .singleRow();
        assertThat(row.get("failure_code")).isEqualTo("card_declined");
        assertThat((String) row.get("raw")).doesNotContain("last4", "Jenny", "fingerprint", "exp_year");
    }

    @Test
    void refundsPartlyThenFullyAndRefusesToRefundMoreThanWasCharged() {
        String reference = newReference();
        String intentId = paidIntent(reference, 1000);
        stubRefund(intentId, 400);
        stubRefund(intentId, 600);

        Refund partial = payments.refund(reference, 400, "requested_by_customer");
        assertThat(partial.status()).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(partial.providerRefundId()).startsWith("re_");
        assertThat(partial.amountMinor()).isEqualTo(400);
        assertThatThrownBy(() -> payments.refund(reference, 700, "too much"))
                .isInstanceOfSatisfying(RefundExceedsPaymentException.class, e -> {
                    assertThat(e.status().value()).isEqualTo(409);
                    assertThat(e.properties()).containsEntry("refundable_minor", 600L);
                });
        Refund rest = payments.refund(reference, 600, "event cancelled");
        assertThat(rest.status()).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThatThrownBy(() -> payments.refund(reference, 1, "one more"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status().value()).isEqualTo(409);
                    assertThat(e.code()).isEqualTo("refund_exceeds_payment");
                });

        List<LoggedRequest> refunds = stripe.findAll(
                postRequestedFor(urlPathEqualTo("/v1/refunds")).withFormParam("payment_intent", equalTo(intentId)));
        assertThat(refunds).hasSize(2);
        assertThat(refunds).extracting(r -> r.getHeader("Idempotency-Key")).doesNotHaveDuplicates();
        assertThat(refunds.get(0).formParameters().get("reason").firstValue()).isEqualTo("requested_by_customer");
        assertThat(refunds.get(1).formParameters().get("metadata[reason]").firstValue())
                .isEqualTo("event cancelled");
        assertThat(audited("payment.refunded", reference)).isEqualTo(2);
    }

    @Test
    void cancelsAnOpenIntentAndRefusesToCancelOneThatSucceeded() {
        String reference = newReference();
        String intentId = stubCreatedIntent(reference, 3000, "eur");
        payments.start(reference, 3000, "EUR");
        stripe.stubFor(post(urlPathEqualTo("/v1/payment_intents/" + intentId + "/cancel"))
                .willReturn(json(200, StripeFixtures.paymentIntent(intentId, reference, 3000, "eur", "canceled"))));

        payments.cancel(reference);
        payments.cancel(reference);

        assertThat(payments.check(reference)).isEqualTo(PaymentStatus.CANCELLED);
        assertThat(audited("payment.cancelled", reference)).isEqualTo(1);
        stripe.verify(1, postRequestedFor(urlPathEqualTo("/v1/payment_intents/" + intentId + "/cancel")));

        String paidReference = newReference();
        String paidId = stubCreatedIntent(paidReference, 3000, "eur");
        payments.start(paidReference, 3000, "EUR");
        stripe.stubFor(post(urlPathEqualTo("/v1/payment_intents/" + paidId + "/cancel"))
                .willReturn(json(400, StripeFixtures.unexpectedStateError())));
        stubIntent(paidId, StripeFixtures.paymentIntent(paidId, paidReference, 3000, "eur", "succeeded"));

        assertThatThrownBy(() -> payments.cancel(paidReference))
                .isInstanceOfSatisfying(PaymentNotCancellableException.class, e -> assertThat(e.properties())
                        .containsEntry("status", "succeeded"));
        assertThat(audited("payment.succeeded", paidReference))
                .as("the success learnt while cancelling is announced")
                .isEqualTo(1);
    }

    @Test
    void webhooksApplySuccessOnceHoweverOftenTheyAreReplayed() throws Exception {
        webhooks().successIsAppliedOnceAcrossSerialAndConcurrentReplays();
    }

    @Test
    void webhooksWithForgedMissingOrOldSignaturesAreRejected() throws Exception {
        webhooks().forgedMissingAndOldSignaturesAreRejectedAndChangeNothing();
    }

    @Test
    void webhookOfADeclinedPaymentPublishesPaymentFailed() throws Exception {
        webhooks().declineIsRecordedOnce();
    }

    @Test
    void chargeRefundedWebhookRecordsRefundsMadeElsewhereAndMatchesOurOwn() throws Exception {
        webhooks().refundsFromChargeRefundedAreRecordedOnce();
    }

    @Test
    void aFailingListenerRollsTheWebhookBackSoStripesRetryAppliesIt() throws Exception {
        webhooks().failingListenerRollsBackEventIdAndEffect();
    }

    @Test
    void otherEventTypesAreAcknowledgedAndTheTestModeCheckoutIsClosed() throws Exception {
        webhooks().otherEventsAreAcknowledged();
        new ApiClient(port)
                .as(new ApiClient(port).newBuyerToken())
                .body("{\"payment_method\": \"pm_test_succeeds\"}")
                .post("/api/v1/payments/test-mode/tm_pi_abc/pay")
                .then()
                .statusCode(404);
    }

    // --- helpers shared with the webhook scenarios ---

    static String newReference() {
        return "ord-" + UUID.randomUUID();
    }

    String stubCreatedIntent(String reference, long amount, String currency) {
        String id = StripeFixtures.newPaymentIntentId();
        stripe.stubFor(post(urlPathEqualTo("/v1/payment_intents"))
                .withFormParam("metadata[reference]", equalTo(reference))
                .withHeader("Idempotency-Key", matching(".+"))
                .willReturn(json(
                        200,
                        StripeFixtures.paymentIntent(id, reference, amount, currency, "requires_payment_method"))));
        return id;
    }

    void stubIntent(String id, String body) {
        stripe.stubFor(get(urlPathEqualTo("/v1/payment_intents/" + id)).willReturn(json(200, body)));
    }

    void stubRefund(String intentId, long amount) {
        stripe.stubFor(post(urlPathEqualTo("/v1/refunds"))
                .withFormParam("payment_intent", equalTo(intentId))
                .withFormParam("amount", equalTo(Long.toString(amount)))
                .willReturn(
                        json(200, StripeFixtures.refund(StripeFixtures.newRefundId(), intentId, amount, "eur", null))));
    }

    /** A started charge that a status check found succeeded; returns its intent id. */
    String paidIntent(String reference, long amount) {
        String intentId = stubCreatedIntent(reference, amount, "eur");
        payments.start(reference, amount, "EUR");
        stubIntent(intentId, StripeFixtures.paymentIntent(intentId, reference, amount, "eur", "succeeded"));
        assertThat(payments.check(reference)).isEqualTo(PaymentStatus.SUCCEEDED);
        return intentId;
    }

    List<LoggedRequest> createRequests(String reference) {
        return stripe.findAll(postRequestedFor(urlPathEqualTo("/v1/payment_intents"))
                .withFormParam("metadata[reference]", equalTo(reference)));
    }

    long audited(String action, String reference) {
        return jdbc.sql("select count(*) from audit_log where action = :action and entity_id = :reference")
                .param("action", action)
                .param("reference", reference)
                .query(Long.class)
                .single();
    }

    long countRows(String reference) {
        return jdbc.sql("select count(*) from payment_transactions where reference = :r")
                .param("r", reference)
                .query(Long.class)
                .single();
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withHeader("Request-Id", "req_" + UUID.randomUUID().toString().substring(0, 14))
                .withBody(body);
    }

    static <T> List<T> concurrently(int threads, Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<T>> futures = pool.invokeAll(java.util.Collections.nCopies(threads, task));
            List<T> results = new java.util.ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
