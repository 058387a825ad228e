package org.ticketvendor.platform;

import java.util.function.Consumer;

/**
 * Short messages to the other instances of the application, best effort: what one instance learns and
 * the others had better know at once (a tier sold out, or back on sale), never anything they cannot do
 * without. Through Redis (publish/subscribe) when {@code REDIS_URL} is set; without it, or while Redis is
 * down, messages go nowhere. So a receiver must stay correct when it hears nothing: use them to drop or
 * refresh what expires on its own anyway, not to decide.
 */
public interface Broadcasts {

    /**
     * Sends the message to the other instances listening on the topic (not to this one). Never waits and
     * never fails: a message that cannot be sent now is dropped.
     */
    void publish(String topic, String message);

    /**
     * Calls the listener with each message another instance publishes on the topic, in the order they
     * were sent, on a Redis I/O thread: keep it short and non-blocking.
     */
    void subscribe(String topic, Consumer<String> listener);

    /** Broadcasts for a single instance, or several without Redis: nothing is sent or heard. */
    Broadcasts NONE = new Broadcasts() {
        @Override
        public void publish(String topic, String message) {
            // Nobody to tell.
        }

        @Override
        public void subscribe(String topic, Consumer<String> listener) {
            // Nobody will speak.
        }

        @Override
        public String toString() {
            return "Broadcasts.NONE";
        }
    };
}
