package org.ticketvendor.security;

import static org.ticketvendor.security.Call.with;

import java.util.UUID;
import org.ticketvendor.security.MatrixWorld.Order;
import org.ticketvendor.security.MatrixWorld.Sale;
import org.ticketvendor.support.ApiClient;

/** The objects the matrix's requests are about, with the bodies and headers each endpoint needs. */
final class Targets {

    private Targets() {}

    static final Target NOTHING = Target.on("-", w -> with());

    // Identity

    static final Target NEW_REGISTRATION =
            Target.on("new email", w -> with().body("""
                    {"email": "%s", "password": "%s", "full_name": "Matrix Person"}
                    """.formatted(ApiClient.newEmail(), ApiClient.PASSWORD)));

    static final Target BUYERS_PASSWORD = Target.on("buyer's password", w -> with().body(
                    """
                    {"email": "%s", "password": "%s"}
                    """.formatted(w.actor(Actor.BUYER).email(), ApiClient.PASSWORD)));

    static final Target BUYERS_REFRESH_TOKEN = Target.on(
            "buyer's refresh token", w -> with().body("{\"refresh_token\": \"" + w.newRefreshToken() + "\"}"));

    static final Target PROMOTER_PROFILE = Target.on("caller's profile", w -> with().body("""
                    {"company_name": "Matrix Events", "contact_email": "desk@matrix.test", "website": "https://matrix.test"}
                    """));

    static final Target OTHER_BUYERS_ACCOUNT = Target.on(
            "other buyer's account", w -> with("id", w.actor(Actor.OTHER_BUYER).id()));

    static final Target ROLE_OF_ACCOUNT = Target.changing(
            "other buyer's role",
            w -> with("id", w.actor(Actor.OTHER_BUYER).id()).body("{\"role\": \"staff\"}"),
            w -> with("id", w.newAccount(Actor.BUYER).id()).body("{\"role\": \"staff\"}"));

    // Catalog

    static final Target PUBLISHED_EVENT = Target.on("published event", w -> event(w.event.eventId()));

    static final Target DRAFT_EVENT = Target.on("draft event", w -> event(w.draft.eventId()));

    static final Target NEW_EVENT = Target.on("new event", w -> with().body(MatrixWorld.eventJson("Matrix new")));

    static final Target EVENT_UPDATE = Target.changing(
            "published event, If-Match",
            w -> update(w, w.event.eventId()),
            w -> update(w, w.newSale(5).eventId()));

    static final Target DRAFT_EVENT_CHANGED = Target.changing(
            "draft event",
            w -> with("id", w.draft.eventId()),
            w -> with("id", w.newDraft().eventId()));

    static final Target PUBLISHED_EVENT_CHANGED = Target.changing(
            "published event",
            w -> with("id", w.event.eventId()),
            w -> with("id", w.newSale(5).eventId()));

    static final Target NEW_TIER = Target.changing(
            "tier for published event",
            w -> with("eventId", w.event.eventId()).body(MatrixWorld.tierJson(10)),
            w -> with("eventId", w.newSale(5).eventId()).body(MatrixWorld.tierJson(10)));

    static final Target TIER_UPDATE =
            Target.changing("public tier, If-Match", w -> tierUpdate(w, w.event), w -> tierUpdate(w, w.newSale(5)));

    static final Target UNSOLD_TIER = Target.changing("draft's tier", w -> tier(w.draft), w -> tier(w.newDraft()));

    static final Target PUBLIC_TIER = Target.on("public tier", w -> with("tierId", w.event.tierId()));

    static final Target PUBLISHED_EVENT_IMAGE = Target.on("published event's image", w -> image(w.event.eventId()));

    static final Target DRAFT_EVENT_IMAGE = Target.on("draft event's image", w -> image(w.draft.eventId()));

    static final Target IMAGE_UPLOAD = Target.changing(
            "PNG for published event",
            w -> upload(w.event.eventId()),
            w -> upload(w.newSale(5).eventId()));

    static final Target IMAGE_REMOVAL = Target.changing(
            "published event's image",
            w -> with("eventId", w.event.eventId()),
            w -> with("eventId", w.newSaleWithImage().eventId()));

    static final Target EVENT_STAFF = Target.on("event's staff", w -> with("eventId", w.event.eventId()));

    static final Target STAFF_ASSIGNMENT = Target.changing(
            "other staff to event",
            w -> assign(w, w.event.eventId()),
            w -> assign(w, w.newSale(5).eventId()));

    static final Target STAFF_REMOVAL = Target.changing("staff of event", w -> removal(w, w.event.eventId()), w -> {
        UUID eventId = w.newSale(5).eventId();
        w.assignStaff(eventId, w.actor(Actor.STAFF));
        return removal(w, eventId);
    });

    // Orders, payments, tickets

    static final Target ORDER_FOR_PUBLIC_TIER =
            Target.changing("1 seat of public tier", w -> order(w.event), w -> order(w.newSale(5)));

    static final Target PAID_ORDER = Target.on("buyer's paid order", w -> with("id", w.paidOrder.id()));

    static final Target PENDING_ORDER = Target.changing(
            "buyer's pending order",
            w -> with("id", w.pendingOrder.id()),
            w -> with("id", w.newPendingOrder().id()));

    static final Target REFUND = Target.changing(
            "buyer's paid order", w -> refund(w.paidOrder), w -> refund(w.newPaidOrder(w.newSale(5), 1)));

    static final Target PENDING_PAYMENT =
            Target.changing("buyer's pending payment", w -> payment(w.pendingOrder), w -> payment(w.newPendingOrder()));

    static final Target UNSIGNED_WEBHOOK = Target.on("unsigned event", w -> with().body("{}"));

    static final Target TICKET = Target.on("buyer's ticket", w -> with("id", w.ticket));

    static final Target TICKET_QR =
            Target.on("buyer's ticket", w -> with("id", w.ticket).accept("image/png, application/problem+json"));

    static final Target EVENT_KEY = Target.on("published event", w -> with("eventId", w.event.eventId())
            .accept("application/x-pem-file, application/problem+json"));

    static final Target TICKET_CODE =
            Target.changing("buyer's ticket for event", w -> scan(w, ticketCode(w)), w -> scan(w, w.newTicketCode()));

    // Waitlist and admin

    static final Target SOLD_OUT_TIER =
            Target.changing("sold-out tier", w -> joining(w.soldOutTier), w -> joining(w.newSoldOutTier()));

    static final Target WAITLIST_ENTRY = Target.on("buyer's entry", w -> with("id", w.waitlistEntry));

    static final Target WAITLIST_ENTRY_CHANGED = Target.changing(
            "buyer's entry", w -> with("id", w.waitlistEntry), w -> with("id", w.join(w.newSoldOutTier())));

    static final Target OFFERED_ENTRY = Target.changing(
            "buyer's entry (offered when allowed)",
            w -> with("id", w.waitlistEntry),
            w -> with("id", w.newOfferedEntry()));

    static final Target NOTIFICATION = Target.on("buyer's mail", w -> with("id", w.notification));

    private static final String REASON = "{\"reason\": \"matrix\"}";

    static final Target ACCOUNT_SUSPENSION = Target.changing(
            "other buyer's account",
            w -> with("id", w.actor(Actor.OTHER_BUYER).id()).body(REASON),
            w -> with("id", w.newAccount(Actor.BUYER).id()).body(REASON));

    static final Target ACCOUNT_REACTIVATION = Target.changing(
            "suspended account", w -> with("id", w.actor(Actor.OTHER_BUYER).id()), w -> {
                UUID id = w.newAccount(Actor.BUYER).id();
                adminPost(w, "/api/v1/admin/users/" + id + "/suspend");
                return with("id", id);
            });

    static final Target EVENT_SUSPENSION = Target.changing(
            "published event",
            w -> with("id", w.event.eventId()).body(REASON),
            w -> with("id", w.newSale(5).eventId()).body(REASON));

    static final Target EVENT_REINSTATEMENT =
            Target.changing("suspended event", w -> with("id", w.event.eventId()), w -> {
                UUID id = w.newSale(5).eventId();
                adminPost(w, "/api/v1/admin/events/" + id + "/suspend");
                return with("id", id);
            });

    // Analytics

    static final Target EVENT_REPORT = Target.on("published event", w -> with("eventId", w.event.eventId()));

    static final Target EVENT_EXPORT = Target.on(
            "published event", w -> with("eventId", w.event.eventId()).accept("text/csv, application/problem+json"));

    private static void adminPost(MatrixWorld w, String path) {
        w.as(Actor.ADMIN)
                .contentType("application/json")
                .body(REASON)
                .post(path)
                .then()
                .statusCode(200);
    }

    private static Call event(UUID id) {
        return with("idOrSlug", id);
    }

    private static Call image(UUID eventId) {
        return with("idOrSlug", eventId).accept("image/*, application/problem+json");
    }

    private static Call upload(UUID eventId) {
        return with("eventId", eventId).binary(MatrixWorld.PNG, "image/png");
    }

    private static Call update(MatrixWorld w, UUID eventId) {
        return with("id", eventId).header("If-Match", w.eventETag(eventId)).body(MatrixWorld.eventJson("Matrix edit"));
    }

    private static Call tier(Sale sale) {
        return with("eventId", sale.eventId(), "tierId", sale.tierId());
    }

    private static Call tierUpdate(MatrixWorld w, Sale sale) {
        return tier(sale)
                .header("If-Match", w.tierETag(sale.eventId(), sale.tierId()))
                .body(MatrixWorld.tierJson(1000));
    }

    private static Call assign(MatrixWorld w, UUID eventId) {
        return with("eventId", eventId)
                .body("{\"email\": \"" + w.actor(Actor.OTHER_STAFF).email() + "\"}");
    }

    private static Call removal(MatrixWorld w, UUID eventId) {
        return with("eventId", eventId, "userId", w.actor(Actor.STAFF).id());
    }

    private static Call order(Sale sale) {
        return with().header("Idempotency-Key", UUID.randomUUID().toString())
                .body(MatrixWorld.orderJson(sale.tierId(), 1));
    }

    private static Call refund(Order order) {
        return with("id", order.id())
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body("{\"reason\": \"matrix\"}");
    }

    private static Call payment(Order order) {
        return with("providerPaymentId", order.paymentId()).body("{\"payment_method\": \"pm_test_succeeds\"}");
    }

    private static String ticketCode(MatrixWorld w) {
        return w.as(Actor.BUYER).get("/api/v1/tickets/" + w.ticket).path("code");
    }

    private static Call scan(MatrixWorld w, String code) {
        return with().body("{\"code\": \"" + code + "\", \"event_id\": \"" + w.event.eventId() + "\"}");
    }

    private static Call joining(UUID tierId) {
        return with().body("{\"tier_id\": \"" + tierId + "\", \"quantity\": 1}");
    }
}
