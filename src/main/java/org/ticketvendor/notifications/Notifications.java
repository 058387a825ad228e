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
import org.ticketvendor.notifications.persistence.EmailNotificationRepository.NewNotification;
import org.ticketvendor.notifications.templates.MailTemplates;

/**
 * Notifications: the e-mail outbox's API. A mail is enqueued in the caller's transaction, so it
 * exists exactly when the change it reports was committed; it is rendered then (what it says is what
 * was true at that moment) and sent later by the outbox job, outside any transaction.
 */
@Service
public class Notifications {

    private static final Logger log = LoggerFactory.getLogger(Notifications.class);

    private final EmailNotificationRepository repository;
    private final MailTemplates templates;
    private final MailModels models;
    private final Clock clock;

    Notifications(EmailNotificationRepository repository, MailTemplates templates, MailModels models, Clock clock) {
        this.repository = repository;
        this.templates = templates;
        this.models = models;
        this.clock = clock;
    }

    /** A page of outbox rows, newest first. */
    public record NotificationPage(List<EmailNotification> items, long total) {}

    /**
     * Renders the mail and stores it in the outbox, in the caller's transaction (there must be one:
     * a mail enqueued outside the change it reports could be sent for a change that never happened).
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
        MailTemplates.Rendered rendered = templates.render(mail.template(), mail.model());
        return repository.insert(
                new NewNotification(
                        mail.recipient(),
                        mail.template().id(),
                        rendered.subject(),
                        rendered.text(),
                        rendered.html(),
                        mail.dedupeKey(),
                        mail.reference(),
                        mail.images()),
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

    @Transactional(readOnly = true)
    public Optional<EmailNotification> find(UUID id) {
        return repository.find(id);
    }

    /** Outbox rows, newest first; null filters match everything. */
    @Transactional(readOnly = true)
    public NotificationPage search(
            String recipient, NotificationStatus status, MailTemplate template, int page, int size) {
        String statusValue = status == null ? null : status.value();
        String templateId = template == null ? null : template.id();
        return new NotificationPage(
                repository.search(recipient, statusValue, templateId, size, page * size),
                repository.count(recipient, statusValue, templateId));
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
