package org.ticketvendor.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.ticketvendor.notifications.persistence.EmailNotificationRepository;
import org.ticketvendor.notifications.sending.Delivery;
import org.ticketvendor.notifications.sending.EmailSender;
import org.ticketvendor.notifications.sending.MailDeliveryException;
import org.ticketvendor.notifications.sending.OutgoingEmail;
import org.ticketvendor.notifications.templates.MailRenderer;
import org.ticketvendor.support.IntegrationTest;

/** The dispatcher's claims against the real database, with a sender that counts what it is given. */
@IntegrationTest
class MailDispatcherIntegrationTests {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Notifications notifications;

    @Autowired
    EmailNotificationRepository repository;

    @Autowired
    NotificationsSettings settings;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    Clock clock;

    @Autowired
    MailRenderer renderer;

    final CountingSender sender = new CountingSender();
    String recipient;

    @BeforeEach
    void setUp() {
        Outbox.parkOthers(jdbc);
        recipient = "dispatch-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
    }

    @Test
    void twoDispatchersOverTheSameRowsSendEachRowExactlyOnce() throws Exception {
        List<UUID> ids = enqueue(60);
        MailDispatcher one = dispatcher(sender);
        MailDispatcher two = dispatcher(sender);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<MailDispatcher.Outcome>> runs = new ArrayList<>();
        for (MailDispatcher dispatcher : List.of(one, two)) {
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

        assertThat(sent).isEqualTo(60);
        assertThat(sender.counts.keySet()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(sender.counts.values())
                .allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
        assertThat(Outbox.of(jdbc, recipient))
                .allSatisfy(row -> assertThat(row.status()).isEqualTo("sent"))
                .allSatisfy(row -> assertThat(row.provider()).isEqualTo("counting"));
    }

    @Test
    void aRowWhoseWorkerDiedComesBackWhenItsLeaseEndsAndTheLateWorkerCannotRecordOverIt() {
        UUID id = enqueue(1).get(0);
        UUID deadWorker = UUID.randomUUID();
        jdbc.sql("""
                        update email_notifications set status = 'sending', attempts = 1, claim_token = :token,
                            claimed_until = now() + interval '1 minute' where id = :id
                        """).param("token", deadWorker).param("id", id).update();
        assertThat(dispatcher(sender).dispatchDue().total()).isZero();

        jdbc.sql("update email_notifications set claimed_until = now() - interval '1 second' where id = :id")
                .param("id", id)
                .update();
        assertThat(dispatcher(sender).dispatchDue().sent()).isEqualTo(1);

        assertThat(Outbox.one(jdbc, id).attempts()).isEqualTo(2);
        assertThat(repository.markRetry(id, deadWorker, "late", clock.instant(), "late"))
                .isFalse();
        assertThat(Outbox.one(jdbc, id).status()).isEqualTo("sent");
        assertThat(sender.counts.get(id).get()).isEqualTo(1);
    }

    @Test
    void failuresBackOffAndPermanentOnesStopAtOnce() {
        List<UUID> ids = enqueue(2);
        sender.failures.put(ids.get(0), MailDeliveryException.retryable("try later", null));
        sender.failures.put(ids.get(1), MailDeliveryException.permanent("no such mailbox", null));

        MailDispatcher.Outcome first = dispatcher(sender).dispatchDue();

        assertThat(first.retried()).isEqualTo(1);
        assertThat(first.failed()).isEqualTo(1);
        Outbox.Row retried = Outbox.one(jdbc, ids.get(0));
        assertThat(retried.status()).isEqualTo("pending");
        assertThat(retried.due()).isFalse();
        assertThat(retried.lastError()).isEqualTo("try later");
        assertThat(Outbox.one(jdbc, ids.get(1)).status()).isEqualTo("failed");
        assertThat(dispatcher(sender).dispatchDue().total()).isZero();
    }

    @Test
    void aMailIsGivenUpOnAfterTheLastAttempt() {
        UUID id = enqueue(1).get(0);
        sender.failures.put(id, MailDeliveryException.retryable("still down", null));
        int max = settings.dispatch().maxAttempts();
        for (int attempt = 1; attempt <= max; attempt++) {
            Outbox.makeDue(jdbc, id);
            dispatcher(sender).dispatchDue();
        }
        Outbox.Row row = Outbox.one(jdbc, id);
        assertThat(row.status()).isEqualTo("failed");
        assertThat(row.attempts()).isEqualTo(max);
        assertThat(sender.counts.get(id).get()).isEqualTo(max);
        Outbox.makeDue(jdbc, id);
        assertThat(dispatcher(sender).dispatchDue().total()).isZero();
    }

    @Test
    void theScheduledRunSendsOnTheOutboxsOwnThreadNotTheSharedScheduler() throws Exception {
        List<UUID> ids = enqueue(3);
        MailDispatcher dispatcher = dispatcher(sender);
        try {
            dispatcher.run();
            for (int i = 0;
                    i < 250
                            && !ids.stream().allMatch(id -> "sent"
                                    .equals(Outbox.one(jdbc, id).status()));
                    i++) {
                Thread.sleep(20);
            }
        } finally {
            dispatcher.stop();
        }
        assertThat(ids)
                .allSatisfy(id -> assertThat(Outbox.one(jdbc, id).status()).isEqualTo("sent"));
        assertThat(sender.threads).containsOnly("mail-outbox");
    }

    private MailDispatcher dispatcher(EmailSender sender) {
        return new MailDispatcher(repository, sender, renderer, settings, transactions, clock);
    }

    @Test
    void enqueueingStoresTheModelUnrenderedAndTheDispatcherRendersItWhenSending() {
        UUID id = enqueue(1).get(0);

        Outbox.Row stored = Outbox.one(jdbc, id);
        assertThat(stored.templateModel()).contains("Mail 0");
        assertThat(stored.subject()).isNull();
        assertThat(stored.bodyText()).isNull();
        assertThat(stored.bodyHtml()).isNull();

        assertThat(dispatcher(sender).dispatchDue().sent()).isEqualTo(1);

        OutgoingEmail sent = sender.emails.get(id);
        assertThat(sent.subject()).isEqualTo("Mail 0 has been cancelled");
        assertThat(sent.text()).contains("Mail 0");
        assertThat(sent.html()).contains("Mail 0");
        Outbox.Row recorded = Outbox.one(jdbc, id);
        assertThat(recorded.subject()).isEqualTo(sent.subject());
        assertThat(recorded.bodyText()).isEqualTo(sent.text());
        assertThat(recorded.bodyHtml()).isEqualTo(sent.html());
    }

    @Test
    void aMailThatCannotBeRenderedIsEnqueuedAllTheSameAndFailsForGoodWhenDispatched() {
        List<UUID> fine = enqueue(2);
        UUID missingEvent = enqueue(new Mail(
                MailTemplate.EVENT_CANCELLED, recipient, Map.of("name", "Test"), "broken:" + UUID.randomUUID(), null));
        UUID unprintableCode = enqueue(new Mail(
                MailTemplate.EVENT_CANCELLED,
                recipient,
                Outbox.simpleModel("QR"),
                "broken-qr:" + UUID.randomUUID(),
                null,
                List.of(new InlineQrCode("qr-x", "caf\u00e9"))));
        assertThat(Outbox.one(jdbc, missingEvent).status()).isEqualTo("pending");

        MailDispatcher.Outcome outcome = dispatcher(sender).dispatchDue();

        assertThat(outcome.sent()).isEqualTo(2);
        assertThat(outcome.failed()).isEqualTo(2);
        assertThat(sender.counts.keySet()).containsExactlyInAnyOrderElementsOf(fine);
        Outbox.Row broken = Outbox.one(jdbc, missingEvent);
        assertThat(broken.status()).isEqualTo("failed");
        assertThat(broken.attempts()).isEqualTo(1);
        assertThat(broken.lastError()).startsWith("Cannot render event-cancelled: ");
        assertThat(broken.subject()).isNull();
        Outbox.Row badQr = Outbox.one(jdbc, unprintableCode);
        assertThat(badQr.status()).isEqualTo("failed");
        assertThat(badQr.lastError()).startsWith("Cannot draw QR code qr-x: ");
        Outbox.makeDue(jdbc, missingEvent);
        Outbox.makeDue(jdbc, unprintableCode);
        assertThat(dispatcher(sender).dispatchDue().total()).isZero();

        EmailNotification shown = notifications.find(missingEvent).orElseThrow();
        assertThat(shown.bodyText()).isNull();
        assertThat(shown.lastError()).startsWith("Cannot render");
    }

    @Test
    void aRowRenderedWhenEnqueuedBeforeV26IsSentAsItWasStored() {
        byte[] png = renderer.draw(List.of(new InlineQrCode("qr-old", "OLD-CODE")))
                .get(0)
                .bytes();
        UUID id = jdbc.sql("""
                        insert into email_notifications (recipient, template, subject, body_text, body_html, dedupe_key,
                            inline_images, next_attempt_at)
                        values (:recipient, 'order-confirmation', 'Your tickets (rendered before V26)', 'Old text',
                            '<p>Old html <img src="cid:qr-old"></p>', :key,
                            jsonb_build_array(jsonb_build_object('content_id', 'qr-old', 'filename', 'qr-old.png',
                                'content_type', 'image/png', 'data', :data)),
                            now() - interval '1 second')
                        returning id
                        """)
                .param("recipient", recipient)
                .param("key", "pre-v26:" + UUID.randomUUID())
                .param("data", java.util.Base64.getEncoder().encodeToString(png))
                .query(UUID.class)
                .single();

        assertThat(dispatcher(sender).dispatchDue().sent()).isEqualTo(1);

        OutgoingEmail sent = sender.emails.get(id);
        assertThat(sent.subject()).isEqualTo("Your tickets (rendered before V26)");
        assertThat(sent.text()).isEqualTo("Old text");
        assertThat(sent.html()).isEqualTo("<p>Old html <img src=\"cid:qr-old\"></p>");
        assertThat(sent.images()).singleElement().satisfies(image -> {
            assertThat(image.contentId()).isEqualTo("qr-old");
            assertThat(image.contentType()).isEqualTo("image/png");
            assertThat(image.bytes()).isEqualTo(png);
        });
        Outbox.Row row = Outbox.one(jdbc, id);
        assertThat(row.status()).isEqualTo("sent");
        assertThat(row.templateModel()).isNull();
        assertThat(row.subject()).isEqualTo("Your tickets (rendered before V26)");
        EmailNotification shown = notifications.find(id).orElseThrow();
        assertThat(shown.bodyText()).isEqualTo("Old text");
        assertThat(shown.images())
                .extracting(EmailNotification.Image::contentId)
                .containsExactly("qr-old");
    }

    private UUID enqueue(Mail mail) {
        transactions.executeWithoutResult(
                s -> assertThat(notifications.enqueue(mail)).isTrue());
        return jdbc.sql("select id from email_notifications where dedupe_key = :key")
                .param("key", mail.dedupeKey())
                .query(UUID.class)
                .single();
    }

    private List<UUID> enqueue(int count) {
        List<String> keys = new ArrayList<>();
        transactions.executeWithoutResult(s -> {
            for (int i = 0; i < count; i++) {
                String key = "dispatch-test:" + UUID.randomUUID();
                keys.add(key);
                notifications.enqueue(
                        new Mail(MailTemplate.EVENT_CANCELLED, recipient, Outbox.simpleModel("Mail " + i), key, null));
            }
        });
        return jdbc.sql("select id from email_notifications where dedupe_key in (:keys)")
                .param("keys", keys)
                .query(UUID.class)
                .list();
    }

    /** Counts sends per row, pausing a little so concurrent dispatchers overlap; fails rows on request. */
    static final class CountingSender implements EmailSender {

        final Map<UUID, AtomicInteger> counts = new ConcurrentHashMap<>();
        final Map<UUID, OutgoingEmail> emails = new ConcurrentHashMap<>();
        final Map<UUID, MailDeliveryException> failures = new ConcurrentHashMap<>();
        final java.util.Set<String> threads = ConcurrentHashMap.newKeySet();

        @Override
        public String name() {
            return "counting";
        }

        @Override
        public Delivery send(OutgoingEmail email) {
            counts.computeIfAbsent(email.id(), id -> new AtomicInteger()).incrementAndGet();
            emails.put(email.id(), email);
            threads.add(Thread.currentThread().getName());
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            MailDeliveryException failure = failures.get(email.id());
            if (failure != null) {
                throw failure;
            }
            return Delivery.sent("counted-" + email.id());
        }
    }
}
