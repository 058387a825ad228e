package org.ticketvendor.scaleout;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.ticketvendor.inventory.HoldExpired;
import org.ticketvendor.waitlist.WaitlistChanged;

/**
 * What one instance's own transactions committed, so the tests can tell which instance did the work.
 * Registered by the test in each instance it starts; not a component, so no other context picks it up.
 */
public class InstanceProbe {

    final List<String> holdsExpired = new CopyOnWriteArrayList<>();
    final List<UUID> offersMade = new CopyOnWriteArrayList<>();

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void on(HoldExpired expired) {
        holdsExpired.add(expired.reference());
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void on(WaitlistChanged changed) {
        if (WaitlistChanged.OFFERED.equals(changed.action())) {
            offersMade.add(changed.entry().id());
        }
    }
}
