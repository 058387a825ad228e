package org.ticketvendor.notifications;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import org.ticketvendor.notifications.Outbox.Row;
import org.ticketvendor.orders.SaleFixture;
import org.ticketvendor.support.ApiClient;
import org.ticketvendor.support.IntegrationTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The SendGrid sender against a local server speaking SendGrid's v3 mail send API (WireMock): 202
 * accepted, 429 with Retry-After, 500 and a permanent 400.
 */
@IntegrationTest
class SendGridMailIntegrationTests {

    static final String API_KEY = "SG.local-wiremock-key";
    static final String SEND = "/v3/mail/send";
    static final WireMockServer sendgrid =
            new WireMockServer(WireMockConfiguration.options().dynamicPort());

    static {
        sendgrid.start();
    }

    @DynamicPropertySource
    static void sendgridAccount(DynamicPropertyRegistry registry) {
        registry.add("ticketvendor.notifications.sendgrid.api-key", () -> API_KEY);
        registry.add("ticketvendor.notifications.sendgrid.api-base", sendgrid::baseUrl);
        registry.add("ticketvendor.notifications.sendgrid.read-timeout", () -> "2s");
        registry.add("ticketvendor.notifications.from", () -> "Ticket Vendor <tickets@ticketvendor.test>");
    }

    @AfterAll
    static void stopSendGrid() {
        sendgrid.stop();
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MailDispatcher dispatcher;

    @Autowired
    Notifications notifications;

    @Autowired
    TransactionTemplate transactions;

    final JsonMapper json = JsonMapper.builder().build();
    String recipient;

    @BeforeEach
    void setUp() {
        Outbox.parkOthers(jdbc);
        sendgrid.resetAll();
        recipient = "sg-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
    }

    @Test
    void aConfirmationIsPostedWithTextHtmlAndTheQrCodesAsInlineAttachments() throws Exception {
        sendgrid.stubFor(post(urlPathEqualTo(SEND))
                .willReturn(aResponse().withStatus(202).withHeader("X-Message-Id", "sg-message-1")));
        ApiClient api = new ApiClient(port);
        SaleFixture sale = SaleFixture.publishedEvent(api, 10, 1500, 4);
        String[] buyer = Outbox.newBuyer(api);
        sale.buy(api, buyer[1], 2);
        Row row = Outbox.of(jdbc, buyer[0]).get(0);
        Outbox.makeDue(jdbc, row.id());

        assertThat(dispatcher.dispatchDue().sent()).isEqualTo(1);

        List<LoggedRequest> requests = sendgrid.findAll(
                com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlPathEqualTo(SEND)));
        assertThat(requests).hasSize(1);
        assertThat(requests.get(0).getHeader("Authorization")).isEqualTo("Bearer " + API_KEY);
        JsonNode body = json.readTree(requests.get(0).getBodyAsString());
        assertThat(body.at("/personalizations/0/to/0/email").asString()).isEqualTo(buyer[0]);
        assertThat(body.at("/from/email").asString()).isEqualTo("tickets@ticketvendor.test");
        assertThat(body.at("/from/name").asString()).isEqualTo("Ticket Vendor");
        Row sent = Outbox.one(jdbc, row.id());
        assertThat(body.at("/subject").asString()).isEqualTo(sent.subject()).startsWith("Your tickets for Sale ");
        assertThat(body.at("/content/0/type").asString()).isEqualTo("text/plain");
        assertThat(body.at("/content/1/type").asString()).isEqualTo("text/html");
        String html = body.at("/content/1/value").asString();
        assertThat(body.at("/custom_args/notification_id").asString())
                .isEqualTo(row.id().toString());
        List<Map<String, String>> tickets =
                api.as(buyer[1]).get("/api/v1/tickets").path("items");
        assertThat(body.get("attachments")).hasSize(2);
        for (JsonNode attachment : body.get("attachments")) {
            assertThat(attachment.get("disposition").asString()).isEqualTo("inline");
            assertThat(attachment.get("type").asString()).isEqualTo("image/png");
            String cid = attachment.get("content_id").asString();
            assertThat(html).contains("cid:" + cid);
            String code = NotificationsIntegrationTests.decodeQr(
                    Base64.getDecoder().decode(attachment.get("content").asString()));
            assertThat(tickets)
                    .anySatisfy(t -> assertThat(cid)
                            .isEqualTo("qr-" + t.get("ticket_number").toLowerCase()))
                    .anySatisfy(t -> assertThat(code).isEqualTo(t.get("code")));
        }
        assertThat(sent.status()).isEqualTo("sent");
        assertThat(sent.provider()).isEqualTo("sendgrid");
        assertThat(sent.providerMessageId()).isEqualTo("sg-message-1");
    }

    @Test
    void tooManyRequestsWaitsAsLongAsSendGridAsks() {
        sendgrid.stubFor(post(urlPathEqualTo(SEND))
                .willReturn(aResponse()
                        .withStatus(429)
                        .withHeader("Retry-After", "600")
                        .withBody("{\"errors\":[{\"message\":\"too many requests\"}]}")));
        UUID id = enqueue(1).get(0);

        assertThat(dispatcher.dispatchDue().retried()).isEqualTo(1);

        Row row = Outbox.one(jdbc, id);
        assertThat(row.status()).isEqualTo("pending");
        assertThat(row.lastError()).startsWith("SendGrid 429");
        assertThat(secondsUntilNextAttempt(id)).isBetween(590L, 601L);
        assertThat(dispatcher.dispatchDue().total()).isZero();
        assertThat(sendgrid.getAllServeEvents()).hasSize(1);
    }

    @Test
    void serverErrorsAreRetriedUntilSendGridAcceptsAndTheMailGoesOnce() {
        sendgrid.stubFor(post(urlPathEqualTo(SEND))
                .inScenario("flaky")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500).withBody("internal error"))
                .willSetStateTo("recovered"));
        sendgrid.stubFor(post(urlPathEqualTo(SEND))
                .inScenario("flaky")
                .whenScenarioStateIs("recovered")
                .willReturn(aResponse().withStatus(202).withHeader("X-Message-Id", "sg-after-500")));
        UUID id = enqueue(1).get(0);

        assertThat(dispatcher.dispatchDue().retried()).isEqualTo(1);
        Row waiting = Outbox.one(jdbc, id);
        assertThat(waiting.lastError()).isEqualTo("SendGrid 500: internal error");
        assertThat(waiting.due()).isFalse();

        Outbox.makeDue(jdbc, id);
        assertThat(dispatcher.dispatchDue().sent()).isEqualTo(1);
        Outbox.makeDue(jdbc, id);
        assertThat(dispatcher.dispatchDue().total()).isZero();

        Row sent = Outbox.one(jdbc, id);
        assertThat(sent.status()).isEqualTo("sent");
        assertThat(sent.attempts()).isEqualTo(2);
        assertThat(sent.providerMessageId()).isEqualTo("sg-after-500");
        assertThat(sendgrid.getAllServeEvents()).hasSize(2);
    }

    @Test
    void aRefusedRequestFailsForGoodAtOnce() {
        sendgrid.stubFor(post(urlPathEqualTo(SEND))
                .willReturn(aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/json")
                        .withBody("""
                                {"errors": [{"message": "Does not contain a valid address.",
                                  "field": "personalizations.0.to.0.email"}]}
                                """)));
        UUID id = enqueue(1).get(0);

        assertThat(dispatcher.dispatchDue().failed()).isEqualTo(1);

        Row failed = Outbox.one(jdbc, id);
        assertThat(failed.status()).isEqualTo("failed");
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(failed.lastError()).startsWith("SendGrid 400").contains("Does not contain a valid address.");
        Outbox.makeDue(jdbc, id);
        assertThat(dispatcher.dispatchDue().total()).isZero();
        assertThat(sendgrid.getAllServeEvents()).hasSize(1);
    }

    @Test
    void aSilentServerIsATimeoutRetriedLater() {
        sendgrid.stubFor(post(urlPathEqualTo(SEND))
                .willReturn(aResponse().withStatus(202).withFixedDelay(4000)));
        UUID id = enqueue(1).get(0);

        assertThat(dispatcher.dispatchDue().retried()).isEqualTo(1);

        Row row = Outbox.one(jdbc, id);
        assertThat(row.status()).isEqualTo("pending");
        assertThat(row.lastError()).contains("did not answer in time");
    }

    private long secondsUntilNextAttempt(UUID id) {
        return jdbc.sql(
                        "select extract(epoch from next_attempt_at - now())::bigint from email_notifications where id = :id")
                .param("id", id)
                .query(Long.class)
                .single();
    }

    private List<UUID> enqueue(int count) {
        List<String> keys = new ArrayList<>();
        transactions.executeWithoutResult(s -> {
            for (int i = 0; i < count; i++) {
                String key = "sendgrid-test:" + UUID.randomUUID();
                keys.add(key);
                notifications.enqueue(
                        new Mail(MailTemplate.EVENT_CANCELLED, recipient, Outbox.simpleModel("Gig " + i), key, null));
            }
        });
        return jdbc.sql("select id from email_notifications where dedupe_key in (:keys)")
                .param("keys", keys)
                .query(UUID.class)
                .list();
    }
}
