package org.ticketvendor.platform;

import java.util.Map;
import java.util.UUID;

/**
 * A domain event that belongs in the audit log.
 *
 * <p>Modules publish events implementing this interface inside the transaction that makes the
 * change; the audit module listens synchronously, so the audit row commits or rolls back together
 * with the change it describes.
 */
public interface Auditable {

    /** Dotted, past-tense action name, e.g. {@code user.registered}. */
    String action();

    /** Kind of entity changed, e.g. {@code user}. */
    String entityType();

    /** Identifier of the entity changed, or null when there is none (a failed login). */
    String entityId();

    /** Who did it, when it is not the authenticated caller (e.g. a user registering). */
    default UUID actorId() {
        return null;
    }

    /** A short summary of the state before the change, never secrets. */
    default Map<String, Object> before() {
        return null;
    }

    /** A short summary of the state after the change, never secrets. */
    default Map<String, Object> after() {
        return null;
    }
}
