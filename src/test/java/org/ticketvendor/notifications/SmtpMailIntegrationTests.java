package org.ticketvendor.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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

/**
 * The SMTP sender against a real SMTP server (GreenMail) that receives the actual messages, behind
 * a gate that can refuse connections, hang, or reject recipients.
 */
@IntegrationTest
class SmtpMailIntegrationTests {

    static final GreenMail greenMail =
            new GreenMail(new ServerSetup(SmtpGate.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    static final SmtpGate gate;

    static {
        greenMail.start();
        gate = new SmtpGate(greenMail.getSmtp().getPort());
    }

    @DynamicPropertySource
    static void smtpServer(DynamicPropertyRegistry registry) {
        registry.add("ticketvendor.notifications.smtp.host", () -> "127.0.0.1");
        registry.add("ticketvendor.notifications.smtp.port", gate::port);
        registry.add("ticketvendor.notifications.smtp.starttls", () -> "false");
        registry.add("ticketvendor.notifications.smtp.connect-timeout", () -> "1s");
        registry.add("ticketvendor.notifications.smtp.read-timeout", () -> "1s");
        registry.add("ticketvendor.notifications.smtp.write-timeout", () -> "1s");
        registry.add("ticketvendor.notifications.from", () -> "Ticket Vendor <tickets@ticketvendor.test>");
    }

    @AfterAll
    static void stop() {
        gate.close();
        greenMail.stop();
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

    ApiClient api;
    String recipient;

    @BeforeEach
    void setUp() throws Exception {
        api = new ApiClient(port);
        Outbox.parkOthers(jdbc);
        greenMail.purgeEmailFromAllMailboxes();
        gate.mode(SmtpGate.Mode.FORWARD);
        recipient = "smtp-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
    }

    @Test
    void aConfirmationArrivesWithTextHtmlAndTheQrCodesAsInlineImages() throws Exception {
        SaleFixture sale = SaleFixture.publishedEvent(api, 10, 1500, 4);
        String[] buyer = Outbox.newBuyer(api);
        sale.buy(api, buyer[1], 2);
        Row row = Outbox.of(jdbc, buyer[0]).get(0);
        Outbox.makeDue(jdbc, row.id());

        assertThat(dispatcher.dispatchDue().sent()).isEqualTo(1);

        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(1);
        MimeMessage mail = received[0];
        Row sent = Outbox.one(jdbc, row.id());
        assertThat(mail.getSubject()).isEqualTo(sent.subject()).startsWith("Your tickets for Sale ");
        assertThat(mail.getAllRecipients())
                .extracting(a -> ((InternetAddress) a).getAddress())
                .containsExactly(buyer[0]);
        assertThat(((InternetAddress) mail.getFrom()[0]).getAddress()).isEqualTo("tickets@ticketvendor.test");
        assertThat(mail.getMessageID()).isEqualTo("<" + row.id() + "@ticketvendor.test>");

        List<Part> parts = leaves(mail);
        String text = body(parts, "text/plain");
        String html = body(parts, "text/html");
        List<Part> images = parts.stream().filter(p -> isType(p, "image/png")).toList();
        List<Map<String, String>> tickets =
                api.as(buyer[1]).get("/api/v1/tickets").path("items");
        assertThat(images).hasSize(2);
        for (Map<String, String> ticket : tickets) {
            String cid = "qr-" + ticket.get("ticket_number").toLowerCase();
            assertThat(text).contains(ticket.get("ticket_number"));
            assertThat(html).contains("cid:" + cid);
            Part image = images.stream()
                    .filter(p -> contentId(p).equals("<" + cid + ">"))
                    .findFirst()
                    .orElseThrow();
            assertThat(image.getDisposition()).isEqualTo(Part.INLINE);
            try (InputStream png = image.getInputStream()) {
                assertThat(NotificationsIntegrationTests.decodeQr(png.readAllBytes()))
                        .isEqualTo(ticket.get("code"));
            }
        }
        assertThat(sent.status()).isEqualTo("sent");
        assertThat(sent.provider()).isEqualTo("smtp");
        assertThat(sent.providerMessageId()).isEqualTo(mail.getMessageID());
    }

    @Test
    void whileTheServerIsDownMailsWaitWithBackoffAndGoOutOnceWhenItIsBack() throws Exception {
        List<UUID> ids = enqueue(3);
        gate.mode(SmtpGate.Mode.DOWN);

        MailDispatcher.Outcome down = dispatcher.dispatchDue();

        assertThat(down.retried()).isEqualTo(3);
        for (UUID id : ids) {
            Row row = Outbox.one(jdbc, id);
            assertThat(row.status()).isEqualTo("pending");
            assertThat(row.attempts()).isEqualTo(1);
            assertThat(row.due()).isFalse();
            assertThat(row.lastError()).contains("connect");
        }
        assertThat(dispatcher.dispatchDue().total())
                .as("no retry before the backoff")
                .isZero();

        gate.mode(SmtpGate.Mode.FORWARD);
        ids.forEach(id -> Outbox.makeDue(jdbc, id));
        assertThat(dispatcher.dispatchDue().sent()).isEqualTo(3);
        assertThat(dispatcher.dispatchDue().total()).isZero();

        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(3);
        assertThat(Arrays.stream(received).map(SmtpMailIntegrationTests::messageId))
                .containsExactlyInAnyOrderElementsOf(
                        ids.stream().map(id -> "<" + id + "@ticketvendor.test>").toList());
        assertThat(ids)
                .allSatisfy(id -> assertThat(Outbox.one(jdbc, id).attempts()).isEqualTo(2));
    }

    @Test
    void aHungServerTimesOutAndTheMailIsRetriedLaterOnlyOnce() {
        UUID id = enqueue(1).get(0);
        gate.mode(SmtpGate.Mode.STALL);

        assertThat(dispatcher.dispatchDue().retried()).isEqualTo(1);

        Row timedOut = Outbox.one(jdbc, id);
        assertThat(timedOut.status()).isEqualTo("pending");
        assertThat(timedOut.lastError()).contains("did not answer in time");
        assertThat(timedOut.due()).isFalse();
        assertThat(dispatcher.dispatchDue().total()).isZero();
        assertThat(greenMail.getReceivedMessages()).isEmpty();

        gate.mode(SmtpGate.Mode.FORWARD);
        Outbox.makeDue(jdbc, id);
        assertThat(dispatcher.dispatchDue().sent()).isEqualTo(1);
        Outbox.makeDue(jdbc, id);
        assertThat(dispatcher.dispatchDue().total()).isZero();
        assertThat(greenMail.getReceivedMessages()).hasSize(1);
    }

    @Test
    void aRejectedRecipientFailsAtOnceWithoutRetries() {
        UUID id = enqueue(1).get(0);
        gate.mode(SmtpGate.Mode.REJECT);

        assertThat(dispatcher.dispatchDue().failed()).isEqualTo(1);

        Row failed = Outbox.one(jdbc, id);
        assertThat(failed.status()).isEqualTo("failed");
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(failed.lastError()).startsWith("SMTP 550");
        Outbox.makeDue(jdbc, id);
        assertThat(dispatcher.dispatchDue().total()).isZero();
    }

    @Test
    void twoDispatchersDeliverEachMailExactlyOnce() throws Exception {
        List<UUID> ids = enqueue(20);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<MailDispatcher.Outcome>> runs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            runs.add(pool.submit(() -> {
                start.await();
                return dispatcher.dispatchDue();
            }));
        }
        start.countDown();
        int sent = 0;
        for (Future<MailDispatcher.Outcome> run : runs) {
            sent += run.get().sent();
        }
        pool.shutdown();

        assertThat(sent).isEqualTo(20);
        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(20);
        assertThat(Arrays.stream(received)
                        .map(SmtpMailIntegrationTests::messageId)
                        .distinct())
                .hasSize(20);
        assertThat(ids)
                .allSatisfy(id -> assertThat(Outbox.one(jdbc, id).status()).isEqualTo("sent"));
    }

    private List<UUID> enqueue(int count) {
        List<String> keys = new ArrayList<>();
        transactions.executeWithoutResult(s -> {
            for (int i = 0; i < count; i++) {
                String key = "smtp-test:" + UUID.randomUUID();
                keys.add(key);
                notifications.enqueue(
                        new Mail(MailTemplate.EVENT_CANCELLED, recipient, Outbox.simpleModel("Show " + i), key, null));
            }
        });
        return jdbc.sql("select id from email_notifications where dedupe_key in (:keys)")
                .param("keys", keys)
                .query(UUID.class)
                .list();
    }

    private static List<Part> leaves(Part part) throws Exception {
        List<Part> found = new ArrayList<>();
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                found.addAll(leaves(child));
            }
        } else {
            found.add(part);
        }
        return found;
    }

    private static String body(List<Part> parts, String type) throws Exception {
        for (Part part : parts) {
            if (isType(part, type)) {
                return (String) part.getContent();
            }
        }
        throw new AssertionError("no " + type + " part");
    }

    private static boolean isType(Part part, String type) {
        try {
            return part.isMimeType(type);
        } catch (Exception e) {
            return false;
        }
    }

    private static String contentId(Part part) {
        try {
            String[] ids = part.getHeader("Content-ID");
            return ids == null ? "" : ids[0];
        } catch (Exception e) {
            return "";
        }
    }

    private static String messageId(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
