package org.ticketvendor.orders;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.restassured.response.Response;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.ticketvendor.payments.StripeFixtures;
import org.ticketvendor.support.ApiClient;
import org.ticketvendor.support.IntegrationTest;

/**
 * Buying while Stripe is slow or failing (WireMock faults behind the real Stripe client, with short
 * timeouts and one retry): buyers get a clean 502/504 problem in seconds, never a 500 or a hang; a hold
 * whose payment could not be started still expires, without asking Stripe; a confirm after Stripe comes
 * back starts the payment under the same Idempotency-Key, so it is one charge; a refund that timed out is
 * retried under its key and made once.
 */
@IntegrationTest
class StripeOutageIntegrationTests {

    static final WireMockServer stripe =
            new WireMockServer(WireMockConfiguration.options().dynamicPort());
    /** Longer than the read timeout below: Stripe "hangs". */
    static final int HANG_MILLIS = 4_000;

    static {
        stripe.start();
    }

    @DynamicPropertySource
    static void stripeAccount(DynamicPropertyRegistry registry) {
        registry.add("ticketvendor.payments.stripe.secret-key", () -> "sk_test_51TicketVendorOutage");
        registry.add("ticketvendor.payments.stripe.api-base", stripe::baseUrl);
        registry.add("ticketvendor.payments.stripe.max-network-retries", () -> "1");
        registry.add("ticketvendor.payments.stripe.connect-timeout", () -> "1s");
        registry.add("ticketvendor.payments.stripe.read-timeout", () -> "1500ms");
    }

    @AfterAll
    static void stopStripe() {
        stripe.resetAll();
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    OrderExpiry expiry;

    @Autowired
    OrderPayments orderPayments;

    ApiClient api;
    SaleFixture sale;
    String buyer;

    @BeforeEach
    void setUp() {
        stripe.resetAll();
        api = new ApiClient(port);
        sale = SaleFixture.publishedEvent(api, 10, 2500, 4);
        buyer = api.newBuyerToken();
    }

    @Test
    void aHangingStripeCostsSecondsNotMinutesAndTheRetryIsOneCharge() {
        stripe.stubFor(post(urlPathEqualTo("/v1/payment_intents"))
                .willReturn(json(200, "{}").withFixedDelay(HANG_MILLIS)));

        long started = System.nanoTime();
        Response placed = sale.hold(api, buyer, 2);
        long millis = (System.nanoTime() - started) / 1_000_000;

        placed.then()
                .statusCode(201)
                .body("status", equalTo("pending_payment"))
                .body("payment.provider_payment_id", nullValue());
        assertThat(millis)
                .as("the hold waited for Stripe at most its two tries")
                .isLessThan(8_000);
        String orderId = placed.path("id");
        assertThat(held()).as("the seats are held while the buyer retries").isEqualTo(2);

        Response confirm = confirm(orderId);
        confirm.then()
                .statusCode(504)
                .contentType("application/problem+json")
                .body("code", equalTo("payment_provider_timeout"))
                .body("provider", equalTo("stripe"));

        // Stripe answers again, with the intent its idempotency key already made.
        String intentId = StripeFixtures.newPaymentIntentId();
        stripe.stubFor(post(urlPathEqualTo("/v1/payment_intents"))
                .willReturn(json(
                        200, StripeFixtures.paymentIntent(intentId, orderId, 5000, "eur", "requires_payment_method"))));
        confirm(orderId)
                .then()
                .statusCode(200)
                .body("status", equalTo("pending_payment"))
                .body("payment.provider_payment_id", equalTo(intentId))
                .body("payment.client_secret", startsWith(intentId + "_secret_"));

        List<LoggedRequest> creates = stripe.findAll(postRequestedFor(urlPathEqualTo("/v1/payment_intents"))
                .withFormParam("metadata[reference]", WireMock.equalTo(orderId)));
        assertThat(creates)
                .as("two tries at the hold, two at the confirm, one that worked")
                .hasSize(5);
        assertThat(creates).extracting(r -> r.getHeader("Idempotency-Key")).containsOnly("charge:" + orderId);
        assertThat(jdbc.sql("select count(*) from payment_transactions where reference = :r")
                        .param("r", orderId)
                        .query(Long.class)
                        .single())
                .as("one charge record")
                .isEqualTo(1);
    }

    @Test
    void stripeFailuresAreA502ProblemNeverA500AndRecordNoPayment() {
        List<ResponseDefinitionBuilder> faults = List.of(
                aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
                aResponse().withFault(Fault.EMPTY_RESPONSE),
                json(503, "{\"error\": {\"type\": \"api_error\", \"message\": \"Try again.\"}}"),
                json(200, "{\"id\": \"pi_3Qx"),
                json(200, "{}"));
        for (ResponseDefinitionBuilder fault : faults) {
            stripe.stubFor(post(urlPathEqualTo("/v1/payment_intents")).willReturn(fault));
            String orderId =
                    sale.hold(api, buyer, 1).then().statusCode(201).extract().path("id");

            confirm(orderId)
                    .then()
                    .statusCode(502)
                    .contentType("application/problem+json")
                    .body("code", equalTo("payment_provider_error"));
            assertThat(jdbc.sql("select provider_payment_id from payment_transactions where reference = :r")
                            .param("r", orderId)
                            .query(String.class)
                            .optional())
                    .as("nothing recorded as started")
                    .isEmpty();
            api.as(buyer).post("/api/v1/orders/" + orderId + "/cancel").then().statusCode(200);
        }
        assertThat(held()).isZero();
    }

    @Test
    void aHoldWhosePaymentNeverStartedExpiresWithoutAskingStripe() {
        stripe.stubFor(post(urlPathEqualTo("/v1/payment_intents"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        String orderId =
                sale.hold(api, buyer, 3).then().statusCode(201).extract().path("id");
        assertThat(held()).isEqualTo(3);
        stripe.resetRequests();
        overdue(orderId);

        expiry.expireDue();

        api.as(buyer).get("/api/v1/orders/" + orderId).then().body("status", equalTo("expired"));
        assertThat(held()).as("the seats are back on sale").isZero();
        assertThat(stripe.findAll(postRequestedFor(urlPathMatching("/v1/payment_intents.*"))))
                .as("expiring an order never starts its payment")
                .isEmpty();
    }

    @Test
    void anOrderWhosePaymentCannotBeCheckedKeepsItsSeatsUntilStripeAnswers() {
        String intentId = startedPayment();
        String orderId = lastOrder();
        stripe.stubFor(get(urlPathEqualTo("/v1/payment_intents/" + intentId)).willReturn(json(503, "{}")));
        overdue(orderId);

        expiry.expireDue();

        api.as(buyer).get("/api/v1/orders/" + orderId).then().body("status", equalTo("pending_payment"));
        assertThat(held()).as("it may have been paid: not expired blind").isEqualTo(2);

        stripe.stubFor(get(urlPathEqualTo("/v1/payment_intents/" + intentId))
                .willReturn(json(
                        200, StripeFixtures.paymentIntent(intentId, orderId, 5000, "eur", "requires_payment_method"))));
        stripe.stubFor(post(urlPathEqualTo("/v1/payment_intents/" + intentId + "/cancel"))
                .willReturn(json(200, StripeFixtures.paymentIntent(intentId, orderId, 5000, "eur", "canceled"))));
        overdue(orderId); // the first run leased it for a minute
        expiry.expireDue();

        api.as(buyer).get("/api/v1/orders/" + orderId).then().body("status", equalTo("expired"));
        assertThat(held()).isZero();
    }

    @Test
    void cancellingWhileStripeIsDownIsA502NotAClaimThatThePaymentIsGoingThrough() {
        String intentId = startedPayment();
        String orderId = lastOrder();
        stripe.stubFor(post(urlPathEqualTo("/v1/payment_intents/" + intentId + "/cancel"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        stripe.stubFor(get(urlPathEqualTo("/v1/payment_intents/" + intentId)).willReturn(json(503, "{}")));

        api.as(buyer)
                .post("/api/v1/orders/" + orderId + "/cancel")
                .then()
                .statusCode(502)
                .body("code", equalTo("payment_provider_error"));
        api.as(buyer).get("/api/v1/orders/" + orderId).then().body("status", equalTo("pending_payment"));

        stripe.stubFor(post(urlPathEqualTo("/v1/payment_intents/" + intentId + "/cancel"))
                .willReturn(json(200, StripeFixtures.paymentIntent(intentId, orderId, 5000, "eur", "canceled"))));
        api.as(buyer)
                .post("/api/v1/orders/" + orderId + "/cancel")
                .then()
                .statusCode(200)
                .body("status", equalTo("cancelled"));
        assertThat(held()).isZero();
    }

    @Test
    void aRefundThatTimedOutIsRetriedUnderItsKeyAndMadeOnce() {
        String intentId = startedPayment();
        String orderId = lastOrder();
        stripe.stubFor(get(urlPathEqualTo("/v1/payment_intents/" + intentId))
                .willReturn(json(200, StripeFixtures.paymentIntent(intentId, orderId, 5000, "eur", "succeeded"))));
        confirm(orderId).then().statusCode(200).body("status", equalTo("paid"));
        stripe.stubFor(
                post(urlPathEqualTo("/v1/refunds")).willReturn(json(200, "{}").withFixedDelay(HANG_MILLIS)));

        api.as(sale.promoterToken())
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body("{\"reason\": \"requested_by_customer\"}")
                .post("/api/v1/orders/" + orderId + "/refund")
                .then()
                .statusCode(200)
                .body("order_status", equalTo("refunded"));
        assertThat(refund(orderId, "status")).as("owed, to be retried").isEqualTo("pending");
        assertThat(ledgerRefund(orderId, "status"))
                .as("Stripe may have refunded: the refund still counts against the charge")
                .isEqualTo("pending");

        String refundId = StripeFixtures.newRefundId();
        stripe.stubFor(post(urlPathEqualTo("/v1/refunds"))
                .willReturn(json(200, StripeFixtures.refund(refundId, intentId, 5000, "eur", null))));
        jdbc.sql("update order_refunds set next_attempt_at = now() where order_id = :id")
                .param("id", UUID.fromString(orderId))
                .update();
        orderPayments.payOwedRefunds();

        assertThat(refund(orderId, "status")).isEqualTo("done");
        assertThat(ledgerRefund(orderId, "status")).isEqualTo("succeeded");
        assertThat(ledgerRefund(orderId, "provider_payment_id")).isEqualTo(refundId);
        List<LoggedRequest> refunds = stripe.findAll(postRequestedFor(urlPathEqualTo("/v1/refunds")));
        assertThat(refunds).as("two tries that timed out, one retry by the job").hasSize(3);
        assertThat(refunds.stream().map(r -> r.getHeader("Idempotency-Key")).distinct())
                .as("one key: Stripe refunds once")
                .hasSize(1);
    }

    // --- helpers ---

    /** Holds 2 seats with a payment Stripe created; returns the intent's id. */
    private String startedPayment() {
        String intentId = StripeFixtures.newPaymentIntentId();
        stripe.stubFor(post(urlPathEqualTo("/v1/payment_intents"))
                .willReturn(json(
                        200,
                        StripeFixtures.paymentIntent(
                                intentId, "placeholder", 5000, "eur", "requires_payment_method"))));
        sale.hold(api, buyer, 2).then().statusCode(201).body("payment.provider_payment_id", equalTo(intentId));
        return intentId;
    }

    private String lastOrder() {
        return api.as(buyer).get("/api/v1/orders").path("items[0].id");
    }

    private Response confirm(String orderId) {
        return api.as(buyer).post("/api/v1/orders/" + orderId + "/confirm");
    }

    private void overdue(String orderId) {
        jdbc.sql(
                        "update orders set expires_at = now() - interval '1 second', expiry_claimed_until = null where id = :id")
                .param("id", UUID.fromString(orderId))
                .update();
        jdbc.sql("update holds set expires_at = now() - interval '1 second' where reference = :r")
                .param("r", orderId)
                .update();
    }

    private int held() {
        return api.anonymous()
                .get("/api/v1/tiers/" + sale.tierId() + "/availability")
                .path("held");
    }

    private String refund(String orderId, String column) {
        return jdbc.sql("select " + column + " from order_refunds where order_id = :id")
                .param("id", UUID.fromString(orderId))
                .query(String.class)
                .single();
    }

    private String ledgerRefund(String orderId, String column) {
        return jdbc.sql("select " + column + " from payment_transactions where reference = :r and kind = 'refund'")
                .param("r", orderId)
                .query(String.class)
                .single();
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withHeader("Request-Id", "req_" + UUID.randomUUID().toString().substring(0, 14))
                .withBody(body);
    }
}
