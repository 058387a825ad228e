package org.ticketvendor.notifications;

import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.ticketvendor.notifications.domain.RetryPolicy;
import org.ticketvendor.notifications.persistence.EmailNotificationRepository;
import org.ticketvendor.notifications.persistence.EmailNotificationRepository.Claimed;
import org.ticketvendor.notifications.persistence.EmailNotificationRepository.Sent;
import org.ticketvendor.notifications.sending.Delivery;
import org.ticketvendor.notifications.sending.EmailSender;
import org.ticketvendor.notifications.sending.MailDeliveryException;
import org.ticketvendor.notifications.sending.OutgoingEmail;
import org.ticketvendor.notifications.templates.MailRenderer;
import org.ticketvendor.notifications.templates.MailRenderingException;
import org.ticketvendor.platform.DatabaseFailures;

/**
 * Drains the outbox on every instance. Due rows are claimed in a short transaction ({@code FOR
 * UPDATE SKIP LOCKED}, status {@code sending}, a lease and a claim token), each is sent outside any
 * transaction, and the outcome is recorded in another short one by the claim's holder only.
 *
 * <p>Each mail is rendered right before it is sent (templates and QR codes, from the model stored
 * when it was enqueued), so that work stays out of the transactions that enqueue mails; what was sent
 * is stored with the outcome. A mail that cannot be rendered fails for good at once: the same model
 * and templates would fail again. Rows enqueued before V26 are sent as they were rendered then.
 *
 * <p>At most once, except for unknown outcomes: a row is sent only by the worker holding its lease,
 * which is renewed just before the send and outlasts the transport's timeouts, and a row is never
 * sent again after a recorded success. A send whose outcome is unknown (a timeout after the message
 * was handed over, or a worker that died mid-send and whose lease then ran out) is tried again: a
 * ticket mail that arrives twice, with the same Message-ID, beats one that never arrives. Failures
 * back off exponentially with jitter, so a transport that is down or slow gets a few attempts per
 * row, never a flood; after {@code max-attempts}, or at once on a permanent refusal, the row is
 * {@code failed}.
 */
@Component
class MailDispatcher {

    private static final Logger log = LoggerFactory.getLogger(MailDispatcher.class);
    private static final int MAX_BATCHES_PER_RUN = 50;

    private final EmailNotificationRepository repository;
    private final EmailSender sender;
    private final MailRenderer renderer;
    private final NotificationsSettings.Dispatch settings;
    private final RetryPolicy retries;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile boolean stopping;

    private final ExecutorService worker = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "mail-outbox");
        thread.setDaemon(true);
        return thread;
    });

    MailDispatcher(
            EmailNotificationRepository repository,
            EmailSender sender,
            MailRenderer renderer,
            NotificationsSettings settings,
            TransactionTemplate transactions,
            Clock clock) {
        this.repository = repository;
        this.sender = sender;
        this.renderer = renderer;
        this.settings = settings.dispatch();
        this.retries =
                new RetryPolicy(this.settings.backoff(), this.settings.maxBackoff(), this.settings.maxAttempts());
        this.transactions = transactions;
        this.clock = clock;
    }

    /** What one run did. */
    record Outcome(int sent, int recorded, int retried, int failed, int skipped) {

        int total() {
            return sent + recorded + retried + failed + skipped;
        }
    }

    /**
     * Hands a run to the outbox's own thread, so a slow mail server never holds up the scheduler
     * that other jobs (order expiry, refunds) share; a run still in progress is not doubled.
     */
    @Scheduled(
            fixedDelayString = "${ticketvendor.notifications.dispatch.interval:5s}",
            initialDelayString = "${ticketvendor.notifications.dispatch.interval:5s}")
    void run() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            worker.execute(() -> {
                try {
                    Outcome outcome = dispatchDue();
                    if (outcome.total() > 0) {
                        log.info("Outbox: {}", outcome);
                    }
                } catch (RuntimeException e) {
                    if (DatabaseFailures.unavailable(e)) {
                        log.warn(
                                "Outbox run failed, database unavailable; the next one retries: {}",
                                DatabaseFailures.describe(e));
                    } else {
                        log.warn("Outbox run failed; the next one retries", e);
                    }
                } finally {
                    running.set(false);
                }
            });
        } catch (RejectedExecutionException shuttingDown) {
            running.set(false);
        }
    }

    /**
     * Lets a run in progress finish its current mail (at most a few seconds) before the connection
     * pool closes, instead of failing half-way on a closed pool. Rows it did not reach keep their
     * lease; if this instance stops mid-send they return when the lease ends.
     */
    @PreDestroy
    void stop() throws InterruptedException {
        stopping = true;
        worker.shutdown();
        if (!worker.awaitTermination(15, TimeUnit.SECONDS)) {
            log.warn("Outbox run still busy at shutdown; its leased rows return when the lease ends");
        }
    }

    /** Sends every mail due now, batch by batch; returns what happened. */
    Outcome dispatchDue() {
        Tally tally = new Tally();
        for (int batches = 0; batches < MAX_BATCHES_PER_RUN && !stopping; batches++) {
            UUID token = UUID.randomUUID();
            Instant now = clock.instant();
            List<Claimed> batch = transactions.execute(
                    s -> repository.claim(now, now.plus(settings.lease()), token, settings.batchSize()));
            for (Claimed row : batch) {
                if (stopping) {
                    break; // the rest keep their lease and return when it ends
                }
                handle(row, token, tally);
            }
            if (batch.size() < settings.batchSize()) {
                break;
            }
        }
        return new Outcome(tally.sent, tally.recorded, tally.retried, tally.failed, tally.skipped);
    }

    private void handle(Claimed row, UUID token, Tally tally) {
        if (row.attempts() > settings.maxAttempts()) {
            // Only a row whose worker died mid-send gets here: its last attempt's outcome is unknown.
            fail(
                    row,
                    token,
                    "Gave up after " + settings.maxAttempts() + " attempts (the last one's outcome is unknown)");
            tally.failed++;
            return;
        }
        Instant now = clock.instant();
        Boolean ours = transactions.execute(s -> repository.renew(row.id(), token, now, now.plus(settings.lease())));
        if (!Boolean.TRUE.equals(ours)) {
            log.warn("Outbox row {}: lease ran out before sending; left to whoever holds it now", row.id());
            tally.skipped++;
            return;
        }
        OutgoingEmail email;
        try {
            email = outgoing(row);
        } catch (MailRenderingException e) {
            log.warn(
                    "Outbox row {} ({}) cannot be rendered; failed for good: {}",
                    row.id(),
                    row.template(),
                    e.getMessage());
            fail(row, token, e.getMessage());
            tally.failed++;
            return;
        }
        try {
            Delivery delivery = sender.send(email);
            NotificationStatus status = delivery.recorded() ? NotificationStatus.RECORDED : NotificationStatus.SENT;
            Sent sent = new Sent(email.subject(), email.text(), email.html());
            transactions.executeWithoutResult(s -> repository.markDelivered(
                    row.id(), token, status, sender.name(), delivery.messageId(), clock.instant(), sent));
            if (delivery.recorded()) {
                tally.recorded++;
            } else {
                tally.sent++;
            }
        } catch (MailDeliveryException e) {
            failed(row, token, e, tally);
        } catch (RuntimeException e) {
            failed(row, token, new MailDeliveryException(e.toString(), false, true, null, e), tally);
        }
    }

    /** The mail to send: rendered from its model now, or as stored for a row enqueued before V26. */
    private OutgoingEmail outgoing(Claimed row) {
        if (row.model() == null) {
            return new OutgoingEmail(
                    row.id(), row.recipient(), row.subject(), row.bodyText(), row.bodyHtml(), row.images());
        }
        MailRenderer.RenderedMail mail = renderer.render(row.template(), row.model(), row.qrCodes());
        return new OutgoingEmail(row.id(), row.recipient(), mail.subject(), mail.text(), mail.html(), mail.images());
    }

    private void failed(Claimed row, UUID token, MailDeliveryException e, Tally tally) {
        if (e.permanent() || !retries.mayRetry(row.attempts())) {
            log.warn(
                    "Outbox row {} to {} failed for good after {} attempts: {}",
                    row.id(),
                    row.recipient(),
                    row.attempts(),
                    e.getMessage());
            fail(row, token, e.getMessage());
            tally.failed++;
            return;
        }
        Instant next = retries.next(
                clock.instant(), row.attempts(), ThreadLocalRandom.current().nextDouble(), e.retryAfter());
        log.info(
                "Outbox row {} attempt {} failed{}; next at {}: {}",
                row.id(),
                row.attempts(),
                e.outcomeUnknown() ? " (outcome unknown)" : "",
                next,
                e.getMessage());
        transactions.executeWithoutResult(
                s -> repository.markRetry(row.id(), token, sender.name(), next, e.getMessage()));
        tally.retried++;
    }

    private void fail(Claimed row, UUID token, String error) {
        transactions.executeWithoutResult(s -> repository.markFailed(row.id(), token, sender.name(), error));
    }

    private static final class Tally {
        int sent;
        int recorded;
        int retried;
        int failed;
        int skipped;
    }
}
