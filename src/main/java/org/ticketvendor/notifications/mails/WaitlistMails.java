package org.ticketvendor.notifications.mails;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.ticketvendor.notifications.Notifications;
import org.ticketvendor.notifications.WaitlistOffer;
import org.ticketvendor.waitlist.WaitlistChanged;
import org.ticketvendor.waitlist.WaitlistEntry;

/** A waitlist offer and its reminder, enqueued in the transaction that makes or marks the offer. */
@Component
class WaitlistMails {

    private final Notifications notifications;

    WaitlistMails(Notifications notifications) {
        this.notifications = notifications;
    }

    @EventListener
    void on(WaitlistChanged changed) {
        WaitlistEntry entry = changed.entry();
        switch (changed.action()) {
            case WaitlistChanged.OFFERED ->
                OrderMails.safely(
                        "waitlist offer mail for " + entry.id(), () -> notifications.waitlistOffer(offer(entry)));
            case WaitlistChanged.OFFER_EXPIRING ->
                OrderMails.safely(
                        "waitlist reminder for " + entry.id(), () -> notifications.waitlistOfferExpiring(offer(entry)));
            default -> {}
        }
    }

    private static WaitlistOffer offer(WaitlistEntry entry) {
        return new WaitlistOffer(
                entry.id(), entry.userId(), entry.tierId(), entry.quantity(), entry.offerExpiresAt(), null);
    }
}
