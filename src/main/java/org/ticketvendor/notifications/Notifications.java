package org.ticketvendor.notifications;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.ticketvendor.catalog.Event;
import org.ticketvendor.catalog.TierForSale;
import org.ticketvendor.notifications.mails.MailModels;
import org.ticketvendor.notifications.persistence.EmailNotificationRepository;
import org.ticketvendor.notifications.persistence.EmailNotificationRepository.Found;
import org.ticketvendor.notifications.persistence.EmailNotificationRepository.NewNotification;
import org.ticketvendor.notifications.templates.MailRenderer;
import org.ticketvendor.notifications.templates.MailRenderingException;

/**
 * Notifications: the e-mail outbox's API. A mail is enqueued in the caller's transaction, so it
 * exists exactly when the change it reports was committed; its model is captured then (what it says
 * is what was true at that moment) and it is rendered and sent later by the outbox job, outside any
 * transaction (ADR 0004).
 */
@Service
public class Notifications {

    private static final Logger log = LoggerFactory.getLogger(Notifications.class);

    private final EmailNotificationRepository repository;
    private final MailRenderer renderer;
    private final MailModels models;
    private final Clock clock;

    Notifications(EmailNotificationRepository repository, MailRenderer renderer, MailModels models, Clock clock) {
        this.repository = repository;
        this.renderer = renderer;
        this.models = models;
        this.clock = clock;
    }

    /** A page of outbox rows, newest first. */
    public record NotificationPage(List<EmailNotification> items, long total) {}

    /**
     * Stores the mail in the outbox, in the caller's transaction (there must be one: a mail enqueued
     * outside the change it reports could be sent for a change that never happened). Only its template,
     * model and QR codes' contents are stored, which is cheap; the outbox job renders it and draws the
     * codes just before sending (a template that fails then fails that mail, not the caller's change).
     * A mail whose dedupe key was enqueued before is ignored, so replayed events never mail twice.
     *
     * @return true when stored, false for a duplicate
     * @throws org.springframework.transaction.IllegalTransactionStateException outside a transaction
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean enqueue(Mail mail) {
        if (repository.exists(mail.dedupeKey())) {
            return false;
        }
        return repository.insert(
                new NewNotification(
                        mail.recipient(),
                        mail.template().id(),
                        mail.model(),
                        mail.dedupeKey(),
                        mail.reference(),
                        mail.qrCodes()),
                clock.instant());
    }

    /**
     * Tells the user that seats are offered to them from the waitlist until {@code expiresAt}; once
     * per offer. Joins the caller's transaction (the one that creates the offer).
     *
     * @return false when the mail was enqueued before, or the user or tier no longer exists
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean waitlistOffer(WaitlistOffer offer) {
        return offerMail(MailTemplate.WAITLIST_OFFER, offer);
    }

    /**
     * Reminds the user that their waitlist offer lapses soon; once per offer. Joins the caller's
     * transaction.
     *
     * @return false when the mail was enqueued before, or the user or tier no longer exists
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean waitlistOfferExpiring(WaitlistOffer offer) {
        return offerMail(MailTemplate.WAITLIST_OFFER_EXPIRING, offer);
    }

    /**
     * One outbox row with its bodies and images' descriptions: what was sent, or for a mail not sent
     * yet what it would say now (rendered on demand, outside any transaction; null bodies when it
     * cannot be rendered, with the reason in {@code lastError} once the outbox job tried).
     */
    public Optional<EmailNotification> find(UUID id) {
        return repository.find(id).map(this::withContent);
    }

    /** Outbox rows, newest first; null filters match everything. Mails not sent yet show their subject. */
    @Transactional(readOnly = true)
    public NotificationPage search(
            String recipient, NotificationStatus status, MailTemplate template, int page, int size) {
        String statusValue = status == null ? null : status.value();
        String templateId = template == null ? null : template.id();
        List<EmailNotification> items =
                repository.search(recipient, statusValue, templateId, size, page * size).stream()
                        .map(this::withSubject)
                        .toList();
        return new NotificationPage(items, repository.count(recipient, statusValue, templateId));
    }

    private EmailNotification withSubject(Found found) {
        EmailNotification n = found.notification();
        if (n.subject() != null || found.model() == null) {
            return n;
        }
        return n.withContent(renderer.subject(n.template(), found.model()).orElse(null), null, null, null);
    }

    private EmailNotification withContent(Found found) {
        EmailNotification n = found.notification();
        if (found.model() == null) {
            return n; // enqueued rendered, before V26
        }
        try {
            if (n.bodyText() != null) {
                return n.withContent(n.subject(), n.bodyText(), n.bodyHtml(), describe(renderer.draw(found.qrCodes())));
            }
            MailRenderer.RenderedMail preview = renderer.render(n.template(), found.model(), found.qrCodes());
            return n.withContent(preview.subject(), preview.text(), preview.html(), describe(preview.images()));
        } catch (MailRenderingException e) {
            return n.withContent(n.subject(), n.bodyText(), n.bodyHtml(), List.of());
        }
    }

    private static List<EmailNotification.Image> describe(List<InlineImage> images) {
        return images.stream()
                .map(i -> new EmailNotification.Image(i.contentId(), i.contentType(), i.bytes().length))
                .toList();
    }

    private boolean offerMail(MailTemplate template, WaitlistOffer offer) {
        Optional<String> recipient = models.emailOf(offer.userId());
        Optional<TierForSale> tier = models.tier(offer.tierId());
        Optional<Event> event = tier.flatMap(t -> models.event(t.eventId()));
        if (recipient.isEmpty() || event.isEmpty()) {
            log.warn("No {} mail for offer {}: its user or tier is gone", template, offer.offerId());
            return false;
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("event", MailModels.event(event.get()));
        model.put(
                "tier",
                Map.of(
                        "name",
                        tier.get().name(),
                        "price",
                        MailModels.money(tier.get().priceMinor(), tier.get().currency())));
        model.put("quantity", offer.quantity());
        model.put(
                "expires",
                MailModels.when(offer.expiresAt(), event.get().details().timezone()));
        model.put("claimUrl", offer.claimUrl());
        model.put("offerId", offer.offerId().toString());
        return enqueue(new Mail(
                template,
                recipient.get(),
                model,
                template.id() + ":" + offer.offerId(),
                offer.offerId().toString()));
    }
}
