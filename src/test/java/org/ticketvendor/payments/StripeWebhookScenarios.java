package org.ticketvendor.payments;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * The webhook scenarios of {@link PaymentsStripeIntegrationTests}, kept apart for size; they run in
 * its Stripe-configured application.
 */
class StripeWebhookScenarios {

    private static final HttpClient http = HttpClient.newHttpClient();

    private final PaymentsStripeIntegrationTests app;

    StripeWebhookScenarios(PaymentsStripeIntegrationTests app) {
        this.app = app;
    }

    record Delivery(int status, String body) {}

    void successIsAppliedOnceAcrossSerialAndConcurrentReplays() throws Exception {
        String reference = PaymentsStripeIntegrationTests.newReference();
        String intentId = app.stubCreatedIntent(reference, 5000, "eur");
        app.payments.start(reference, 5000, "EUR");
        String payload = event(
                "payment_intent.succeeded",
                StripeFixtures.paymentIntent(intentId, reference, 5000, "eur", "succeeded"));
        String signature = sign(payload);

        Delivery first = deliver(payload, signature);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body()).contains("\"duplicate\":false");
        assertThat(app.payments.find(reference).orElseThrow().status()).isEqualTo(PaymentStatus.SUCCEEDED);

        for (int i = 0; i < 100; i++) {
            Delivery replay = deliver(payload, signature);
            assertThat(replay.status()).isEqualTo(200);
            assertThat(replay.body()).contains("\"duplicate\":true");
        }
        List<Delivery> concurrent = PaymentsStripeIntegrationTests.concurrently(20, () -> deliver(payload, signature));
        assertThat(concurrent).extracting(Delivery::status).containsOnly(200);

        assertThat(app.audited("payment.succeeded", reference)).isEqualTo(1);
        assertThat(storedEvents(payload)).isEqualTo(1);
        // A status check afterwards changes nothing either.
        assertThat(app.payments.check(reference)).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(app.audited("payment.succeeded", reference)).isEqualTo(1);

        // A fresh payment whose first delivery arrives 20 times at once: one applies it, the rest wait and skip.
        String racing = PaymentsStripeIntegrationTests.newReference();
        String racingId = app.stubCreatedIntent(racing, 700, "eur");
        app.payments.start(racing, 700, "EUR");
        String racingPayload = event(
                "payment_intent.succeeded", StripeFixtures.paymentIntent(racingId, racing, 700, "eur", "succeeded"));
        String racingSignature = sign(racingPayload);
        List<Delivery> burst =
                PaymentsStripeIntegrationTests.concurrently(20, () -> deliver(racingPayload, racingSignature));
        assertThat(burst).extracting(Delivery::status).containsOnly(200);
        assertThat(burst)
                .filteredOn(d -> d.body().contains("\"duplicate\":false"))
                .hasSize(1);
        assertThat(app.audited("payment.succeeded", racing)).isEqualTo(1);
    }

    void forgedMissingAndOldSignaturesAreRejectedAndChangeNothing() throws Exception {
        String reference = PaymentsStripeIntegrationTests.newReference();
        String intentId = app.stubCreatedIntent(reference, 1200, "eur");
        app.payments.start(reference, 1200, "EUR");
        String payload = event(
                "payment_intent.succeeded",
                StripeFixtures.paymentIntent(intentId, reference, 1200, "eur", "succeeded"));
        long now = System.currentTimeMillis() / 1000;

        String forged = StripeFixtures.signature(payload, "whsec_not_the_endpoint_secret", now);
        assertRejected(deliver(payload, forged));
        String tampered = payload.replace("\"amount\": 1200", "\"amount\": 1");
        assertRejected(deliver(tampered, sign(payload)));
        assertRejected(deliver(payload, null));
        assertRejected(deliver(payload, "t=" + now + ",v1=deadbeef"));
        String old = StripeFixtures.signature(payload, PaymentsStripeIntegrationTests.WEBHOOK_SECRET, now - 3600);
        assertRejected(deliver(payload, old));

        assertThat(storedEvents(payload)).isZero();
        assertThat(app.payments.find(reference).orElseThrow().status()).isEqualTo(PaymentStatus.PENDING);
        assertThat(app.audited("payment.succeeded", reference)).isZero();
        // The genuine delivery still works afterwards.
        assertThat(deliver(payload, sign(payload)).status()).isEqualTo(200);
        assertThat(app.audited("payment.succeeded", reference)).isEqualTo(1);
    }

    void declineIsRecordedOnce() throws Exception {
        String reference = PaymentsStripeIntegrationTests.newReference();
        String intentId = app.stubCreatedIntent(reference, 990, "eur");
        app.payments.start(reference, 990, "EUR");
        String payload = event(
                "payment_intent.payment_failed", StripeFixtures.declinedPaymentIntent(intentId, reference, 990, "eur"));

        assertThat(deliver(payload, sign(payload)).status()).isEqualTo(200);
        assertThat(deliver(payload, sign(payload)).status()).isEqualTo(200);

        assertThat(app.payments.find(reference).orElseThrow().status()).isEqualTo(PaymentStatus.FAILED);
        assertThat(app.audited("payment.failed", reference)).isEqualTo(1);
        assertThat(app.jdbc
                        .sql(
                                "select after ->> 'reason' from audit_log where action = 'payment.failed' and entity_id = :r")
                        .param("r", reference)
                        .query(String.class)
                        .single())
                .isEqualTo("card_declined");
        String stored = app.jdbc
                .sql("select payload::text from payment_webhook_events where event_id = :id")
                .param("id", eventId(payload))
                .query(String.class)
                .single();
        assertThat(stored).contains("payment_intent.payment_failed").doesNotContain("last4", "Jenny", "buyer@");
    }

    void refundsFromChargeRefundedAreRecordedOnce() throws Exception {
        String reference = PaymentsStripeIntegrationTests.newReference();
        String intentId = app.paidIntent(reference, 2000);
        app.stubRefund(intentId, 500);
        Refund ours = app.payments.refund(reference, 500, "requested_by_customer");
        String ourKey = app.jdbc
                .sql("select idempotency_key from payment_transactions where provider_payment_id = :id")
                .param("id", ours.providerRefundId())
                .query(String.class)
                .single();

        // Someone refunds 300 more in Stripe's dashboard; Stripe reports both refunds on the charge.
        String dashboardRefundId = StripeFixtures.newRefundId();
        String charge = StripeFixtures.refundedCharge(
                intentId,
                2000,
                800,
                "eur",
                StripeFixtures.refund(ours.providerRefundId(), intentId, 500, "eur", ourKey),
                StripeFixtures.refund(dashboardRefundId, intentId, 300, "eur", null));
        String payload = event("charge.refunded", charge);
        for (int i = 0; i < 3; i++) {
            assertThat(deliver(payload, sign(payload)).status()).isEqualTo(200);
        }

        assertThat(app.countRows(reference))
                .as("the charge, our refund, the dashboard's")
                .isEqualTo(3);
        assertThat(app.audited("payment.refunded", reference)).isEqualTo(2);
        String stored = app.jdbc
                .sql("select payload::text from payment_webhook_events where event_id = :id")
                .param("id", eventId(payload))
                .query(String.class)
                .single();
        assertThat(stored).contains(dashboardRefundId).doesNotContain("4242", "Jenny", "fingerprint");
        // Only 1200 is left to refund.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> app.payments.refund(reference, 1201, "too much"))
                .isInstanceOf(PaymentsExceptions.RefundExceedsPaymentException.class);

        // Newer API versions do not list refunds: the difference is recorded from amount_refunded.
        String unlisted = event("charge.refunded", StripeFixtures.refundedCharge(intentId, 2000, 1000, "eur"));
        assertThat(deliver(unlisted, sign(unlisted)).status()).isEqualTo(200);
        assertThat(app.audited("payment.refunded", reference)).isEqualTo(3);
        assertThat(app.countRows(reference)).isEqualTo(4);
    }

    void failingListenerRollsBackEventIdAndEffect() throws Exception {
        String reference = PaymentsStripeIntegrationTests.newReference();
        String intentId = app.stubCreatedIntent(reference, 6100, "eur");
        app.payments.start(reference, 6100, "EUR");
        String payload = event(
                "payment_intent.succeeded",
                StripeFixtures.paymentIntent(intentId, reference, 6100, "eur", "succeeded"));
        app.failingListener.failOnceFor(reference);

        Delivery failed = deliver(payload, sign(payload));
        assertThat(failed.status()).as("Stripe retries on any non-2xx").isEqualTo(500);
        assertThat(storedEvents(payload)).isZero();
        assertThat(app.payments.find(reference).orElseThrow().status()).isEqualTo(PaymentStatus.PENDING);
        assertThat(app.audited("payment.succeeded", reference)).isZero();

        Delivery retried = deliver(payload, sign(payload));
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.body()).contains("\"duplicate\":false");
        assertThat(app.audited("payment.succeeded", reference)).isEqualTo(1);
        assertThat(storedEvents(payload)).isEqualTo(1);
    }

    void otherEventsAreAcknowledged() throws Exception {
        String payload = event("customer.created", """
                {"id": "cus_Qx9aTicketVendor", "object": "customer", "email": null, "metadata": {}}""");
        Delivery delivery = deliver(payload, sign(payload));
        assertThat(delivery.status()).isEqualTo(200);
        assertThat(storedEvents(payload)).isEqualTo(1);
        assertRejected(deliver("not json", sign("not json")), 400, "invalid_webhook_payload");
    }

    // --- helpers ---

    private static String event(String type, String object) {
        return StripeFixtures.event(
                "evt_" + UUID.randomUUID().toString().replace("-", ""),
                type,
                object,
                System.currentTimeMillis() / 1000);
    }

    private static String sign(String payload) {
        return StripeFixtures.signature(
                payload, PaymentsStripeIntegrationTests.WEBHOOK_SECRET, System.currentTimeMillis() / 1000);
    }

    private static String eventId(String payload) {
        int start = payload.indexOf("\"evt_") + 1;
        return payload.substring(start, payload.indexOf('"', start));
    }

    private long storedEvents(String payload) {
        return app.jdbc
                .sql("select count(*) from payment_webhook_events where provider = 'stripe' and event_id = :id")
                .param("id", eventId(payload))
                .query(Long.class)
                .single();
    }

    private Delivery deliver(String payload, String signature) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + app.port + "/api/v1/payments/webhooks/stripe"))
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "Stripe/1.0 (+https://stripe.com/docs/webhooks)")
                .POST(HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8));
        if (signature != null) {
            request.header("Stripe-Signature", signature);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Delivery(response.statusCode(), response.body());
    }

    private static void assertRejected(Delivery delivery) {
        assertRejected(delivery, 400, "invalid_webhook_signature");
    }

    private static void assertRejected(Delivery delivery, int status, String code) {
        assertThat(delivery.status()).isEqualTo(status);
        assertThat(delivery.body()).contains("\"code\":\"" + code + "\"");
    }
}
