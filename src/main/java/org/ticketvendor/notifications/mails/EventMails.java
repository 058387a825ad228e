package org.ticketvendor.notifications.mails;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.ticketvendor.catalog.CatalogChanged;
import org.ticketvendor.catalog.Event;
import org.ticketvendor.notifications.Mail;
import org.ticketvendor.notifications.MailTemplate;
import org.ticketvendor.notifications.Notifications;
import org.ticketvendor.orders.EventBuyers;

/**
 * When an event is cancelled, every buyer with a paid order for it gets one mail, enqueued in the
 * cancelling transaction (one outbox row per buyer, however many orders they have).
 */
@Component
class EventMails {

    private static final Logger log = LoggerFactory.getLogger(EventMails.class);

    private final Notifications notifications;
    private final MailModels models;
    private final EventBuyers buyers;

    EventMails(Notifications notifications, MailModels models, EventBuyers buyers) {
        this.notifications = notifications;
        this.models = models;
        this.buyers = buyers;
    }

    @EventListener
    void on(CatalogChanged changed) {
        if (!"event.cancelled".equals(changed.action())) {
            return;
        }
        UUID eventId = UUID.fromString(changed.entityId());
        OrderMails.safely("cancellation mails for event " + eventId, () -> models.event(eventId)
                .ifPresent(this::cancelled));
    }

    private void cancelled(Event event) {
        Map<String, Object> eventModel = MailModels.event(event);
        int enqueued = 0;
        for (UUID buyer : buyers.withPaidOrders(event.id())) {
            var account = models.account(buyer);
            if (account.isEmpty()) {
                continue;
            }
            Map<String, Object> model = new LinkedHashMap<>();
            model.put("name", account.get().fullName());
            model.put("event", eventModel);
            if (notifications.enqueue(new Mail(
                    MailTemplate.EVENT_CANCELLED,
                    account.get().email(),
                    model,
                    "event-cancelled:" + event.id() + ":" + buyer,
                    event.id().toString()))) {
                enqueued++;
            }
        }
        log.info("Event {} cancelled: {} buyers will be told", event.id(), enqueued);
    }
}
