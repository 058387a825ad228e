package org.ticketvendor.security;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
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
 * OWASP API10:2023 Unsafe Consumption of APIs: what Stripe sends us (webhooks) and what it answers
 * (API responses) is checked before it is believed. In an application whose payments go through
 * Stripe, played by a local server that can also misbehave: answer garbage, half an object, an error
 * or nothing in time. Failures of the provider are 502 problems the client may retry, never 500s,
 * and they leave the order as it was.
 */
@IntegrationTest
class Api10UnsafeConsumptionOfApisIntegrationTests {

    static final String WEBHOOK_SECRET = "whsec_" + UUID.randomUUID().toString().replace("-", "");
    static final WireMockServer stripe =
            new WireMockServer(WireMockConfiguration.options().dynamicPort());

    static {
        stripe.start();
    }

    @DynamicPropertySource
    static void stripeAccount(DynamicPropertyRegistry registry) {
        registry.add("ticketvendor.payments.stripe.secret-key", () -> "sk_test_51TicketVendorApi10");
        registry.add("ticketvendor.payments.stripe.webhook-secret", () -> WEBHOOK_SECRET);
        registry.add("ticketvendor.payments.stripe.api-base", stripe::baseUrl);
        registry.add("ticketvendor.payments.stripe.max-network-retries", () -> "0");
        registry.add("ticketvendor.payments.stripe.read-timeout", () -> "1s");
    }

    @AfterAll
    static void stopStripe() {
        stripe.stop();
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    ApiClient api;
    String promoter;
    String buyer;

    @BeforeEach
    void setUp() {
        stripe.resetAll();
        api = new ApiClient(port);
        buyer = api.newBuyerToken();
    }

    @Test
    void webhooksWithoutOurSignatureAreRefusedAndChangeNothing() {
        String payload = StripeFixtures.event(
                "evt_" + UUID.randomUUID().toString().replace("-", ""),
                "payment_intent.succeeded",
                StripeFixtures.paymentIntent(StripeFixtures.newPaymentIntentId(), "ref", 100, "eur", "succeeded"),
                Instant.now().getEpochSecond());
        long now = Instant.now().getEpochSecond();
        List<String> signatures = List.of(
                "",
                "t=" + now + ",v1=" + "0".repeat(64),
                StripeFixtures.signature(payload, "whsec_somebody_else", now),
                StripeFixtures.signature(payload, WEBHOOK_SECRET, now - 3600),
                StripeFixtures.signature(payload.replace("\"ref\"", "\"other\""), WEBHOOK_SECRET, now));
        long before = webhookEvents();

        for (String signature : signatures) {
            Response refused = deliver(payload, signature);
            assertThat(refused.statusCode()).as(signature).isEqualTo(400);
            assertThat(refused.<String>path("code")).isEqualTo("invalid_webhook_signature");
        }
        assertThat(webhookEvents()).isEqualTo(before);
    }

    @Test
    void signedWebhooksThatAreNotStripeEventsNeverCauseAServerError() {
        for (String payload : List.of(
                "not json at all",
                "[]",
                "{\"id\": 42}",
                StripeFixtures.event(
                        "evt_shape" + UUID.randomUUID().toString().substring(0, 8),
                        "payment_intent.succeeded",
                        "{\"object\": \"payment_intent\", \"amount\": \"lots\"}",
                        1))) {
            Response answer = deliver(payload, StripeFixtures.signature(payload, WEBHOOK_SECRET, now()));
            assertThat(answer.statusCode()).as(payload).isBetween(200, 499);
            if (answer.statusCode() >= 400) {
                assertThat(answer.contentType()).startsWith("application/problem+json");
            }
        }
    }

    @Test
    void aSignedEventAboutAPaymentWeNeverStartedIsAcknowledgedAndAppliesNothing() {
        String intent = StripeFixtures.paymentIntent(
                StripeFixtures.newPaymentIntentId(), UUID.randomUUID().toString(), 100, "eur", "succeeded");
        String payload = StripeFixtures.event(
                "evt_" + UUID.randomUUID().toString().replace("-", ""), "payment_intent.succeeded", intent, now());

        deliver(payload, StripeFixtures.signature(payload, WEBHOOK_SECRET, now()))
                .then()
                .statusCode(200);
    }

    @Test
    void garbageFromStripeIsA502AndTheOrderWaitsWithItsSeatsUntilStripeAnswersProperly() {
        MatrixWorld.Sale sale = sale();
        List<ResponseDefinitionBuilder> garbage = List.of(
                json(200, "<html><body>Bad gateway</body></html>"),
                json(200, "{}"),
                json(200, "{\"id\": 12, \"object\": \"payment_intent\", \"status\": [\"succeeded\"]}"),
                json(500, "{\"error\": {\"type\": \"api_error\"}}"),
                json(503, ""),
                json(429, "{\"error\": {\"type\": \"rate_limit_error\", \"code\": \"rate_limit\"}}"));
        stripe.stubFor(post(urlPathEqualTo("/v1/payment_intents")).willReturn(garbage.get(0)));
        String order = place(sale).then().statusCode(201).extract().path("id");

        for (int i = 0; i < garbage.size(); i++) {
            stripe.stubFor(post(urlPathEqualTo("/v1/payment_intents")).willReturn(garbage.get(i)));
            Response confirmed = api.as(buyer).post("/api/v1/orders/" + order + "/confirm");
            assertThat(confirmed.statusCode())
                    .as("answer %d: %s", i, confirmed.asString())
                    .isEqualTo(502);
            assertThat(confirmed.<String>path("code")).isEqualTo("payment_provider_error");
            api.as(buyer).get("/api/v1/orders/" + order).then().body("status", equalTo("pending_payment"));
            assertThat(available(sale)).isEqualTo(4);
        }

        String intentId = StripeFixtures.newPaymentIntentId();
        stripe.stubFor(post(urlPathEqualTo("/v1/payment_intents"))
                .willReturn(json(
                        200, StripeFixtures.paymentIntent(intentId, order, 1500, "eur", "requires_payment_method"))));
        api.as(buyer)
                .post("/api/v1/orders/" + order + "/confirm")
                .then()
                .statusCode(200)
                .body("payment.provider_payment_id", equalTo(intentId))
                .body("status", equalTo("pending_payment"));
    }

    @Test
    void aStripeThatDoesNotAnswerInTimeIsA504WithinTheReadTimeout() {
        MatrixWorld.Sale sale = sale();
        String intentId = StripeFixtures.newPaymentIntentId();
        stripe.stubFor(post(urlPathEqualTo("/v1/payment_intents"))
                .willReturn(json(
                        200, StripeFixtures.paymentIntent(intentId, "x", 1500, "eur", "requires_payment_method"))));
        String order = place(sale).then().statusCode(201).extract().path("id");
        stripe.stubFor(get(urlPathMatching("/v1/payment_intents/.*"))
                .willReturn(json(200, StripeFixtures.paymentIntent(intentId, order, 1500, "eur", "succeeded"))
                        .withFixedDelay(5_000)));

        long started = System.nanoTime();
        api.as(buyer)
                .post("/api/v1/orders/" + order + "/confirm")
                .then()
                .statusCode(504)
                .body("code", equalTo("payment_provider_timeout"));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
        api.as(buyer).get("/api/v1/orders/" + order).then().body("status", equalTo("pending_payment"));
    }

    @Test
    void anAnswerAboutAnotherPaymentIntentIsNotBelieved() {
        MatrixWorld.Sale sale = sale();
        String intentId = StripeFixtures.newPaymentIntentId();
        stripe.stubFor(post(urlPathEqualTo("/v1/payment_intents"))
                .willReturn(json(
                        200, StripeFixtures.paymentIntent(intentId, "x", 1500, "eur", "requires_payment_method"))));
        String order = place(sale).then().statusCode(201).extract().path("id");
        String someoneElses = StripeFixtures.newPaymentIntentId();
        stripe.stubFor(get(urlPathEqualTo("/v1/payment_intents/" + intentId))
                .willReturn(json(200, StripeFixtures.paymentIntent(someoneElses, order, 1500, "eur", "succeeded"))));

        api.as(buyer)
                .post("/api/v1/orders/" + order + "/confirm")
                .then()
                .statusCode(502)
                .body("provider_code", equalTo("invalid_response"));

        api.as(buyer)
                .get("/api/v1/orders/" + order)
                .then()
                .body("status", equalTo("pending_payment"))
                .body("payment.status", equalTo("pending"));
    }

    @Test
    void theTestModeCheckoutIsClosedWhenRealPaymentsAreConfigured() {
        api.as(buyer)
                .body("{\"payment_method\": \"pm_test_succeeds\"}")
                .post("/api/v1/payments/test-mode/tm_pi_whatever/pay")
                .then()
                .statusCode(404);
    }

    private MatrixWorld.Sale sale() {
        if (promoter == null) {
            String registered = ApiClient.newEmail();
            io.restassured.response.Response account = api.register(registered, ApiClient.PASSWORD);
            api.as(account.<String>path("tokens.access_token"))
                    .body("{\"company_name\": \"Api10 Ltd\", \"contact_email\": \"desk@api10.test\"}")
                    .post("/api/v1/promoters")
                    .then()
                    .statusCode(201);
            promoter = api.refresh(account.path("tokens.refresh_token")).path("access_token");
        }
        String eventId = api.as(promoter)
                .body(MatrixWorld.eventJson("Api10 " + UUID.randomUUID()))
                .post("/api/v1/events")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String tierId = api.as(promoter)
                .body(MatrixWorld.tierJson(5))
                .post("/api/v1/events/" + eventId + "/tiers")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        api.as(promoter).post("/api/v1/events/" + eventId + "/publish").then().statusCode(200);
        return new MatrixWorld.Sale(UUID.fromString(eventId), UUID.fromString(tierId));
    }

    private Response place(MatrixWorld.Sale sale) {
        return api.as(buyer)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(MatrixWorld.orderJson(sale.tierId(), 1))
                .post("/api/v1/orders");
    }

    private int available(MatrixWorld.Sale sale) {
        return api.anonymous()
                .get("/api/v1/tiers/" + sale.tierId() + "/availability")
                .path("available");
    }

    private Response deliver(String payload, String signature) {
        var request = api.anonymous().body(payload);
        if (!signature.isEmpty()) {
            request.header("Stripe-Signature", signature);
        }
        return request.post("/api/v1/payments/webhooks/stripe");
    }

    private long webhookEvents() {
        return jdbc.sql("select count(*) from payment_webhook_events")
                .query(Long.class)
                .single();
    }

    private static long now() {
        return Instant.now().getEpochSecond();
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withHeader("Request-Id", "req_api10")
                .withBody(body);
    }
}
