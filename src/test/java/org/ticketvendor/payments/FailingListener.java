package org.ticketvendor.payments;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.event.EventListener;

/**
 * A listener of {@link PaymentSucceeded} in the role of another module's (orders), which fails once
 * for the references it is told to: it runs inside the recording transaction, like the real one.
 */
class FailingListener {

    private final Set<String> failOnce = ConcurrentHashMap.newKeySet();

    void failOnceFor(String reference) {
        failOnce.add(reference);
    }

    @EventListener
    void on(PaymentSucceeded event) {
        if (failOnce.remove(event.reference())) {
            throw new IllegalStateException("listener failed on purpose for " + event.reference());
        }
    }
}
