package org.ticketvendor.payments.stripe;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.ticketvendor.payments.PaymentStatus;
import org.ticketvendor.payments.PaymentsExceptions.PaymentProviderException;
import org.ticketvendor.payments.PaymentsSettings;
import org.ticketvendor.payments.StripeFixtures;

/**
 * The Stripe adapter against a Stripe that misbehaves (WireMock faults): whatever goes wrong on create,
 * retrieve, cancel or refund ends as a {@link PaymentProviderException} (a 502 problem, or a 504 for a
 * timeout) within the configured timeouts, never as a bare exception (a 500); and the library's own
 * retries repeat a creating request under the same Idempotency-Key, so a retry can never charge twice.
 */
class StripePaymentProviderFaultsTests {

    static final WireMockServer stripe =
            new WireMockServer(WireMockConfiguration.options().dynamicPort());

    static {
        stripe.start();
    }

    static final Duration READ_TIMEOUT = Duration.ofMillis(600);
    static final int RETRIES = 1;

    StripePaymentProvider provider;

    @BeforeEach
    void freshStubs() {
        stripe.resetAll();
        provider = provider(RETRIES);
    }

    static StripePaymentProvider provider(int retries) {
        return new StripePaymentProvider(new PaymentsSettings.Stripe(
                "sk_test_51TicketVendorFaults",
                null,
                stripe.baseUrl(),
                Duration.ofMinutes(5),
                retries,
                Duration.ofMillis(500),
                READ_TIMEOUT));
    }

    @AfterAll
    static void stop() {
        stripe.stop();
    }

    /** The four calls, each against a stub of the path it uses. */
    enum Call {
        CREATE(() -> post(urlPathEqualTo("/v1/payment_intents"))) {
            @Override
            void run(StripePaymentProvider provider) {
                provider.create("charge:ord-1", "ord-1", 2500, "EUR");
            }
        },
        RETRIEVE(() -> get(urlPathEqualTo("/v1/payment_intents/pi_3QxFaults"))) {
            @Override
            void run(StripePaymentProvider provider) {
                provider.retrieve("pi_3QxFaults");
            }
        },
        CANCEL(() -> post(urlPathEqualTo("/v1/payment_intents/pi_3QxFaults/cancel"))) {
            @Override
            void run(StripePaymentProvider provider) {
                provider.cancel("pi_3QxFaults");
            }
        },
        REFUND(() -> post(urlPathEqualTo("/v1/refunds"))) {
            @Override
            void run(StripePaymentProvider provider) {
                provider.refund("refund:ord-1:r1", "pi_3QxFaults", 1000, "requested_by_customer");
            }
        };

        private final Supplier<MappingBuilder> path;

        Call(Supplier<MappingBuilder> path) {
            this.path = path;
        }

        /** A new stub of the call's path (a builder is mutable: each stub needs its own). */
        MappingBuilder stub() {
            return path.get();
        }

        abstract void run(StripePaymentProvider provider);
    }

    /** Each fault, and whether Stripe may have acted on the request although the call failed. */
    static Stream<Arguments> faults() {
        List<Object[]> faults = List.of(
                new Object[] {"connection reset", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER), true},
                new Object[] {"empty response", aResponse().withFault(Fault.EMPTY_RESPONSE), true},
                new Object[] {"malformed chunk", aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK), true},
                new Object[] {"garbage then close", aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE), true},
                new Object[] {"500", stripeError(500, "api_error"), true},
                new Object[] {"502 from a proxy", html(502), true},
                new Object[] {"503", stripeError(503, "api_error"), true},
                new Object[] {"200 with malformed JSON", json(200, "{\"id\": \"pi_3Qx\", \"object\": "), true},
                new Object[] {"200 with an empty object", json(200, "{}"), true},
                new Object[] {
                    "200 with no body", aResponse().withStatus(200).withHeader("Content-Type", "application/json"), true
                },
                new Object[] {"200 with HTML", html(200), true},
                new Object[] {"400 refused", stripeError(400, "invalid_request_error"), false},
                new Object[] {"429 rate limited", stripeError(429, "invalid_request_error"), false});
        return Stream.of(Call.values()).flatMap(call -> faults.stream().map(f -> Arguments.of(call, f[0], f[1], f[2])));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("faults")
    void everyFaultIsAProviderErrorNeverABareException(
            Call call, String fault, ResponseDefinitionBuilder response, boolean mayHaveActed) {
        stripe.stubFor(call.stub().willReturn(response));

        // Without the library's retries (tested below): each fault is met once, and quickly.
        long started = System.nanoTime();
        PaymentProviderException e = catchThrowableOfType(PaymentProviderException.class, () -> call.run(provider(0)));
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(e).as("%s on %s", fault, call).isNotNull();
        assertThat(e.status().value()).isEqualTo(502);
        assertThat(e.code()).isEqualTo("payment_provider_error");
        assertThat(e.properties()).containsEntry("provider", "stripe");
        assertThat(e.outcomeUnknown()).as("Stripe may have acted").isEqualTo(mayHaveActed);
        assertThat(millis).as("answered within the timeouts").isLessThan(3_000);
    }

    @Test
    void aStripeThatDoesNotAnswerInTimeIsA504AndItsRetriesRepeatTheIdempotencyKey() {
        for (Call call : Call.values()) {
            stripe.stubFor(call.stub().willReturn(json(200, "{}").withFixedDelay(3_000)));

            long started = System.nanoTime();
            PaymentProviderException e = catchThrowableOfType(PaymentProviderException.class, () -> call.run(provider));
            long millis = (System.nanoTime() - started) / 1_000_000;

            assertThat(e).as("%s", call).isNotNull();
            assertThat(e.status().value()).isEqualTo(504);
            assertThat(e.code()).isEqualTo("payment_provider_timeout");
            assertThat(e.outcomeUnknown()).isTrue();
            // One try and RETRIES retries, each cut at the read timeout, plus the library's pause between.
            assertThat(millis)
                    .as("%s gave up after", call)
                    .isGreaterThanOrEqualTo(READ_TIMEOUT.toMillis() * (RETRIES + 1))
                    .isLessThan(READ_TIMEOUT.toMillis() * (RETRIES + 1) + 2_500);
        }
        assertThat(stripe.findAll(anyRequestedFor(anyUrl()))).hasSize(Call.values().length * (RETRIES + 1));
        // Whether Stripe acted on a request it did not answer is unknown: its retry must be the same request.
        assertSameKey("/v1/payment_intents", "charge:ord-1");
        assertSameKey("/v1/refunds", "refund:ord-1:r1");
    }

    @Test
    void aServerErrorIsRetriedWithTheSameKeyAndASecondAnswerIsUsed() {
        String id = StripeFixtures.newPaymentIntentId();
        stripe.stubFor(Call.CREATE
                .stub()
                .inScenario("flaky")
                .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willReturn(stripeError(503, "api_error"))
                .willSetStateTo("recovered"));
        stripe.stubFor(Call.CREATE
                .stub()
                .inScenario("flaky")
                .whenScenarioStateIs("recovered")
                .willReturn(
                        json(200, StripeFixtures.paymentIntent(id, "ord-1", 2500, "eur", "requires_payment_method"))));

        var created = provider.create("charge:ord-1", "ord-1", 2500, "EUR");

        assertThat(created.id()).isEqualTo(id);
        assertThat(created.status()).isEqualTo(PaymentStatus.PENDING);
        assertSameKey("/v1/payment_intents", "charge:ord-1");
        assertThat(stripe.findAll(anyRequestedFor(urlPathEqualTo("/v1/payment_intents"))))
                .hasSize(2);
    }

    @Test
    void nothingListeningIsA502AtOnce() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        StripePaymentProvider unreachable = new StripePaymentProvider(new PaymentsSettings.Stripe(
                "sk_test_51TicketVendorFaults",
                null,
                "http://127.0.0.1:" + closedPort,
                Duration.ofMinutes(5),
                RETRIES,
                Duration.ofMillis(500),
                READ_TIMEOUT));

        long started = System.nanoTime();
        PaymentProviderException e =
                catchThrowableOfType(PaymentProviderException.class, () -> Call.RETRIEVE.run(unreachable));

        assertThat(e.status().value()).isEqualTo(502);
        assertThat(e.providerCode()).isEqualTo("api_connection_error");
        assertThat(e.outcomeUnknown())
                .as("never connected: Stripe cannot have acted")
                .isFalse();
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(3_000);
    }

    private static void assertSameKey(String path, String key) {
        List<LoggedRequest> requests = stripe.findAll(anyRequestedFor(urlPathEqualTo(path)));
        assertThat(requests).hasSizeGreaterThan(1);
        assertThat(requests).extracting(r -> r.getHeader("Idempotency-Key")).containsOnly(key);
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withHeader("Request-Id", "req_" + UUID.randomUUID().toString().substring(0, 14))
                .withBody(body);
    }

    private static ResponseDefinitionBuilder stripeError(int status, String type) {
        return json(status, "{\"error\": {\"type\": \"" + type + "\", \"message\": \"Something went wrong.\"}}");
    }

    private static ResponseDefinitionBuilder html(int status) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "text/html")
                .withBody("<html><body><h1>" + status + " Bad Gateway</h1></body></html>");
    }
}
