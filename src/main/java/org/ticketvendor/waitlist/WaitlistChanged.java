package org.ticketvendor.waitlist;

import java.util.LinkedHashMap;
import java.util.Map;
import org.ticketvendor.platform.Auditable;

/**
 * A waitlist entry changed: {@code waitlist.joined}, {@code waitlist.left}, {@code
 * waitlist.offered} (seats held for the buyer until {@code offerExpiresAt}), {@code
 * waitlist.offer_expiring} (a reminder), {@code waitlist.offer_expired}, {@code waitlist.claimed}.
 * Published in the transaction of the change.
 */
public record WaitlistChanged(String action, WaitlistEntry entry, String from) implements Auditable {

    public static final String OFFERED = "waitlist.offered";
    public static final String OFFER_EXPIRING = "waitlist.offer_expiring";

    static WaitlistChanged of(String what, WaitlistEntry entry, String from) {
        return new WaitlistChanged("waitlist." + what, entry, from);
    }

    @Override
    public String entityType() {
        return "waitlist_entry";
    }

    @Override
    public String entityId() {
        return entry.id().toString();
    }

    @Override
    public Map<String, Object> before() {
        return from == null ? null : Map.of("status", from);
    }

    @Override
    public Map<String, Object> after() {
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("status", entry.status());
        after.put("tier_id", entry.tierId().toString());
        after.put("quantity", entry.quantity());
        if (entry.offerExpiresAt() != null) {
            after.put("offer_expires_at", entry.offerExpiresAt().toString());
        }
        if (entry.orderId() != null) {
            after.put("order_id", entry.orderId().toString());
        }
        return after;
    }
}
