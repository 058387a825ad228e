package org.ticketvendor.security;

import static org.ticketvendor.security.Targets.ACCOUNT_REACTIVATION;
import static org.ticketvendor.security.Targets.ACCOUNT_SUSPENSION;
import static org.ticketvendor.security.Targets.BUYERS_PASSWORD;
import static org.ticketvendor.security.Targets.BUYERS_REFRESH_TOKEN;
import static org.ticketvendor.security.Targets.DRAFT_EVENT;
import static org.ticketvendor.security.Targets.DRAFT_EVENT_CHANGED;
import static org.ticketvendor.security.Targets.DRAFT_EVENT_IMAGE;
import static org.ticketvendor.security.Targets.EVENT_EXPORT;
import static org.ticketvendor.security.Targets.EVENT_KEY;
import static org.ticketvendor.security.Targets.EVENT_REINSTATEMENT;
import static org.ticketvendor.security.Targets.EVENT_REPORT;
import static org.ticketvendor.security.Targets.EVENT_STAFF;
import static org.ticketvendor.security.Targets.EVENT_SUSPENSION;
import static org.ticketvendor.security.Targets.EVENT_UPDATE;
import static org.ticketvendor.security.Targets.IMAGE_REMOVAL;
import static org.ticketvendor.security.Targets.IMAGE_UPLOAD;
import static org.ticketvendor.security.Targets.NEW_EVENT;
import static org.ticketvendor.security.Targets.NEW_REGISTRATION;
import static org.ticketvendor.security.Targets.NEW_TIER;
import static org.ticketvendor.security.Targets.NOTHING;
import static org.ticketvendor.security.Targets.NOTIFICATION;
import static org.ticketvendor.security.Targets.OFFERED_ENTRY;
import static org.ticketvendor.security.Targets.ORDER_FOR_PUBLIC_TIER;
import static org.ticketvendor.security.Targets.OTHER_BUYERS_ACCOUNT;
import static org.ticketvendor.security.Targets.PAID_ORDER;
import static org.ticketvendor.security.Targets.PENDING_ORDER;
import static org.ticketvendor.security.Targets.PENDING_PAYMENT;
import static org.ticketvendor.security.Targets.PROMOTER_PROFILE;
import static org.ticketvendor.security.Targets.PUBLIC_TIER;
import static org.ticketvendor.security.Targets.PUBLISHED_EVENT;
import static org.ticketvendor.security.Targets.PUBLISHED_EVENT_CHANGED;
import static org.ticketvendor.security.Targets.PUBLISHED_EVENT_IMAGE;
import static org.ticketvendor.security.Targets.REFUND;
import static org.ticketvendor.security.Targets.ROLE_OF_ACCOUNT;
import static org.ticketvendor.security.Targets.SOLD_OUT_TIER;
import static org.ticketvendor.security.Targets.STAFF_ASSIGNMENT;
import static org.ticketvendor.security.Targets.STAFF_REMOVAL;
import static org.ticketvendor.security.Targets.TICKET;
import static org.ticketvendor.security.Targets.TICKET_CODE;
import static org.ticketvendor.security.Targets.TICKET_QR;
import static org.ticketvendor.security.Targets.TIER_UPDATE;
import static org.ticketvendor.security.Targets.UNSIGNED_WEBHOOK;
import static org.ticketvendor.security.Targets.UNSOLD_TIER;
import static org.ticketvendor.security.Targets.WAITLIST_ENTRY;
import static org.ticketvendor.security.Targets.WAITLIST_ENTRY_CHANGED;

import java.util.List;

/**
 * Who may call what: every endpoint of the API, one row per endpoint (two where the object's state
 * changes who may see it), and the status each caller gets. The objects belong to BUYER and PROMOTER
 * (see {@link Actor}); "other" callers have the same role but do not own them.
 *
 * <p>How to read a refusal: 401 without a token; 403 when the caller's role may never do this; 404
 * when the role may but the object is someone else's (the API does not tell others' objects from
 * missing ones). Admins see and edit every event, but orders, tickets and waitlist entries are their
 * owners' alone (support looks them up in the admin views instead).
 */
final class AccessMatrix {

    private AccessMatrix() {}

    /**
     * A matrix row.
     *
     * @param freshCaller allowed calls are made by a new account of the caller's kind (the endpoint
     *     changes the caller itself)
     * @param showsStaffEmails the promoter and admins see the event's staff e-mail addresses here
     * @param showsAttendeeEmails the promoter and admins see the event's buyers' e-mail addresses here
     *     (the attendee and order exports)
     */
    record Row(
            String endpoint,
            Target target,
            boolean freshCaller,
            boolean showsStaffEmails,
            boolean showsAttendeeEmails,
            int[] expected) {

        String method() {
            return endpoint.substring(0, endpoint.indexOf(' '));
        }

        String path() {
            return endpoint.substring(endpoint.indexOf(' ') + 1).strip();
        }

        int expected(Actor actor) {
            return expected[actor.ordinal()];
        }

        @Override
        public String toString() {
            return method() + " " + path() + " [" + target + "]";
        }
    }

    // spotless:off
    static final List<Row> ROWS = List.of(
        //  endpoint                                                target                   anon buyer oBuy prom oPro staf oSta admin
        // identity
        row("POST /api/v1/auth/register",                           NEW_REGISTRATION,        201, 201, 201, 201, 201, 201, 201, 201),
        row("POST /api/v1/auth/login",                              BUYERS_PASSWORD,         200, 200, 200, 200, 200, 200, 200, 200),
        row("POST /api/v1/auth/refresh",                            BUYERS_REFRESH_TOKEN,    200, 200, 200, 200, 200, 200, 200, 200),
        row("POST /api/v1/auth/logout",                             BUYERS_REFRESH_TOKEN,    204, 204, 204, 204, 204, 204, 204, 204),
        row("GET /api/v1/users/me",                                 NOTHING,                 401, 200, 200, 200, 200, 200, 200, 200),
        self("POST /api/v1/promoters",                              PROMOTER_PROFILE,        401, 201, 201, 409, 409, 409, 409, 409),
        row("GET /api/v1/promoters/me",                             NOTHING,                 401, 404, 404, 200, 200, 404, 404, 404),
        row("PUT /api/v1/promoters/me",                             PROMOTER_PROFILE,        401, 404, 404, 200, 200, 404, 404, 404),
        row("GET /api/v1/admin/users/{id}",                         OTHER_BUYERS_ACCOUNT,    401, 403, 403, 403, 403, 403, 403, 200),
        row("PUT /api/v1/admin/users/{id}/role",                    ROLE_OF_ACCOUNT,         401, 403, 403, 403, 403, 403, 403, 200),
        // catalog (an admin creates events only with a promoter profile of its own)
        row("GET /api/v1/events",                                   NOTHING,                 200, 200, 200, 200, 200, 200, 200, 200),
        row("GET /api/v1/events/{idOrSlug}",                        PUBLISHED_EVENT,         200, 200, 200, 200, 200, 200, 200, 200),
        row("GET /api/v1/events/{idOrSlug}",                        DRAFT_EVENT,             404, 404, 404, 200, 404, 404, 404, 200),
        row("POST /api/v1/events",                                  NEW_EVENT,               401, 403, 403, 201, 201, 403, 403, 403),
        row("PUT /api/v1/events/{id}",                              EVENT_UPDATE,            401, 403, 403, 200, 404, 403, 403, 200),
        row("DELETE /api/v1/events/{id}",                           DRAFT_EVENT_CHANGED,     401, 403, 403, 204, 404, 403, 403, 204),
        row("POST /api/v1/events/{id}/publish",                     DRAFT_EVENT_CHANGED,     401, 403, 403, 200, 404, 403, 403, 200),
        row("POST /api/v1/events/{id}/unpublish",                   PUBLISHED_EVENT_CHANGED, 401, 403, 403, 200, 404, 403, 403, 200),
        row("POST /api/v1/events/{id}/cancel",                      PUBLISHED_EVENT_CHANGED, 401, 403, 403, 200, 404, 403, 403, 200),
        row("GET /api/v1/events/{idOrSlug}/tiers",                  PUBLISHED_EVENT,         200, 200, 200, 200, 200, 200, 200, 200),
        row("GET /api/v1/events/{idOrSlug}/tiers",                  DRAFT_EVENT,             404, 404, 404, 200, 404, 404, 404, 200),
        row("POST /api/v1/events/{eventId}/tiers",                  NEW_TIER,                401, 403, 403, 201, 404, 403, 403, 201),
        row("PUT /api/v1/events/{eventId}/tiers/{tierId}",          TIER_UPDATE,             401, 403, 403, 200, 404, 403, 403, 200),
        row("DELETE /api/v1/events/{eventId}/tiers/{tierId}",       UNSOLD_TIER,             401, 403, 403, 204, 404, 403, 403, 204),
        row("GET /api/v1/tiers/{tierId}/availability",              PUBLIC_TIER,             200, 200, 200, 200, 200, 200, 200, 200),
        row("GET /api/v1/events/{idOrSlug}/image",                  PUBLISHED_EVENT_IMAGE,   200, 200, 200, 200, 200, 200, 200, 200),
        row("GET /api/v1/events/{idOrSlug}/image",                  DRAFT_EVENT_IMAGE,       404, 404, 404, 200, 404, 404, 404, 200),
        row("GET /api/v1/promoter/events",                          NOTHING,                 401, 403, 403, 200, 200, 403, 403, 403),
        row("PUT /api/v1/promoter/events/{eventId}/image",          IMAGE_UPLOAD,            401, 403, 403, 200, 404, 403, 403, 200),
        row("DELETE /api/v1/promoter/events/{eventId}/image",       IMAGE_REMOVAL,           401, 403, 403, 204, 404, 403, 403, 204),
        staff("GET /api/v1/promoter/events/{eventId}/staff",        EVENT_STAFF,             401, 403, 403, 200, 404, 403, 403, 200),
        staff("POST /api/v1/promoter/events/{eventId}/staff",       STAFF_ASSIGNMENT,        401, 403, 403, 201, 404, 403, 403, 201),
        row("DELETE /api/v1/promoter/events/{eventId}/staff/{userId}", STAFF_REMOVAL,        401, 403, 403, 204, 404, 403, 403, 204),
        // orders and payments (test mode: a payment id is a bearer capability, like Stripe's client secret)
        row("POST /api/v1/orders",                                  ORDER_FOR_PUBLIC_TIER,   401, 201, 201, 201, 201, 201, 201, 201),
        row("GET /api/v1/orders",                                   NOTHING,                 401, 200, 200, 200, 200, 200, 200, 200),
        row("GET /api/v1/orders/{id}",                              PAID_ORDER,              401, 200, 404, 404, 404, 404, 404, 404),
        row("POST /api/v1/orders/{id}/confirm",                     PAID_ORDER,              401, 200, 404, 404, 404, 404, 404, 404),
        row("POST /api/v1/orders/{id}/cancel",                      PENDING_ORDER,           401, 200, 404, 404, 404, 404, 404, 404),
        row("POST /api/v1/orders/{id}/refund",                      REFUND,                  401, 403, 403, 200, 404, 403, 403, 200),
        row("POST /api/v1/payments/test-mode/{providerPaymentId}/pay", PENDING_PAYMENT,      401, 200, 200, 200, 200, 200, 200, 200),
        row("POST /api/v1/payments/webhooks/stripe",                UNSIGNED_WEBHOOK,        404, 404, 404, 404, 404, 404, 404, 404),
        // tickets
        row("GET /api/v1/tickets",                                  NOTHING,                 401, 200, 200, 200, 200, 200, 200, 200),
        row("GET /api/v1/tickets/{id}",                             TICKET,                  401, 200, 404, 404, 404, 404, 404, 404),
        row("GET /api/v1/tickets/{id}/qr.png",                      TICKET_QR,               401, 200, 404, 404, 404, 404, 404, 404),
        row("GET /api/v1/events/{eventId}/ticket-key",              EVENT_KEY,               200, 200, 200, 200, 200, 200, 200, 200),
        row("POST /api/v1/checkin",                                 TICKET_CODE,             401, 403, 403, 200, 403, 200, 403, 200),
        // waitlist
        row("POST /api/v1/waitlist",                                SOLD_OUT_TIER,           401, 201, 201, 201, 201, 201, 201, 201),
        row("GET /api/v1/waitlist",                                 NOTHING,                 401, 200, 200, 200, 200, 200, 200, 200),
        row("GET /api/v1/waitlist/{id}",                            WAITLIST_ENTRY,          401, 200, 404, 404, 404, 404, 404, 404),
        row("DELETE /api/v1/waitlist/{id}",                         WAITLIST_ENTRY_CHANGED,  401, 204, 404, 404, 404, 404, 404, 404),
        row("POST /api/v1/waitlist/{id}/claim",                     OFFERED_ENTRY,           401, 201, 404, 404, 404, 404, 404, 404),
        // admin views
        row("GET /api/v1/admin/notifications",                      NOTHING,                 401, 403, 403, 403, 403, 403, 403, 200),
        row("GET /api/v1/admin/notifications/{id}",                 NOTIFICATION,            401, 403, 403, 403, 403, 403, 403, 200),
        row("GET /api/v1/admin/users",                              NOTHING,                 401, 403, 403, 403, 403, 403, 403, 200),
        row("POST /api/v1/admin/users/{id}/suspend",                ACCOUNT_SUSPENSION,      401, 403, 403, 403, 403, 403, 403, 200),
        row("POST /api/v1/admin/users/{id}/reactivate",             ACCOUNT_REACTIVATION,    401, 403, 403, 403, 403, 403, 403, 200),
        row("POST /api/v1/admin/events/{id}/suspend",               EVENT_SUSPENSION,        401, 403, 403, 403, 403, 403, 403, 200),
        row("POST /api/v1/admin/events/{id}/reinstate",             EVENT_REINSTATEMENT,     401, 403, 403, 403, 403, 403, 403, 200),
        row("GET /api/v1/admin/audit",                              NOTHING,                 401, 403, 403, 403, 403, 403, 403, 200),
        // analytics: the event's promoter and admins; without ?promoter_id= an admin (no profile of
        // their own) is asked to name the promoter (400)
        row("GET /api/v1/promoter/analytics",                       NOTHING,                 401, 403, 403, 200, 200, 403, 403, 400),
        row("GET /api/v1/promoter/events/{eventId}/analytics",      EVENT_REPORT,            401, 403, 403, 200, 404, 403, 403, 200),
        attendees("GET /api/v1/promoter/events/{eventId}/orders.csv", EVENT_EXPORT,            401, 403, 403, 200, 404, 403, 403, 200),
        attendees("GET /api/v1/promoter/events/{eventId}/attendees.csv", EVENT_EXPORT,            401, 403, 403, 200, 404, 403, 403, 200));
    // spotless:on

    private static Row row(String endpoint, Target target, int... expected) {
        return new Row(endpoint, target, false, false, false, checked(expected));
    }

    private static Row self(String endpoint, Target target, int... expected) {
        return new Row(endpoint, target, true, false, false, checked(expected));
    }

    private static Row staff(String endpoint, Target target, int... expected) {
        return new Row(endpoint, target, false, true, false, checked(expected));
    }

    private static Row attendees(String endpoint, Target target, int... expected) {
        return new Row(endpoint, target, false, false, true, checked(expected));
    }

    private static int[] checked(int[] expected) {
        if (expected.length != Actor.values().length) {
            throw new IllegalArgumentException("One status per actor: " + Actor.values().length);
        }
        return expected;
    }
}
