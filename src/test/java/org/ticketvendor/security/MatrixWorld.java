package org.ticketvendor.security;

import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.ticketvendor.support.ApiClient;
import org.ticketvendor.waitlist.WaitlistOffers;

/**
 * Real accounts of every role and real objects owned by them, all made through the API (and the
 * waitlist offer job, called as the scheduler would): what the access matrix and the OWASP tests
 * call the endpoints on. Built once per application (per port) and shared; tests that change an
 * object make a new one with the {@code new...} methods instead of touching the shared ones.
 */
final class MatrixWorld {

    /** An account with a current access token. */
    record Account(Actor kind, String email, UUID id, String token) {}

    /** A published event of {@link Actor#PROMOTER} with one public tier. */
    record Sale(UUID eventId, UUID tierId) {}

    /** An order and the id of the payment that pays it. */
    record Order(UUID id, String paymentId) {}

    private static final Map<Integer, MatrixWorld> BUILT = new ConcurrentHashMap<>();

    /** An event image to upload. */
    static final byte[] PNG = org.ticketvendor.support.TestImages.png(24, 16);

    final ApiClient api;
    private final WaitlistOffers offers;
    private final Map<Actor, Account> actors = new EnumMap<>(Actor.class);

    /** Published, owned by PROMOTER, STAFF assigned; its tier has room for every test. */
    final Sale event;
    /** A draft event of PROMOTER with one tier. */
    final Sale draft;
    /** BUYER's paid order for two tickets of {@link #event}; its first ticket. */
    final Order paidOrder;

    final UUID ticket;
    /** BUYER's order waiting for payment. */
    final Order pendingOrder;
    /** A tier of {@link #event} that nobody else can buy now, and BUYER's waitlist entry for it. */
    final UUID soldOutTier;

    final UUID waitlistEntry;
    /** The confirmation mail of {@link #paidOrder} in the outbox. */
    final UUID notification;

    private MatrixWorld(ApiClient api, WaitlistOffers offers) {
        this.api = api;
        this.offers = offers;
        actors.put(Actor.ADMIN, newAccount(Actor.ADMIN));
        actors.put(Actor.BUYER, newAccount(Actor.BUYER));
        actors.put(Actor.OTHER_BUYER, newAccount(Actor.OTHER_BUYER));
        actors.put(Actor.PROMOTER, newAccount(Actor.PROMOTER));
        actors.put(Actor.OTHER_PROMOTER, newAccount(Actor.OTHER_PROMOTER));
        actors.put(Actor.STAFF, newAccount(Actor.STAFF));
        actors.put(Actor.OTHER_STAFF, newAccount(Actor.OTHER_STAFF));
        event = newSale(1000);
        assignStaff(event.eventId(), actor(Actor.STAFF));
        uploadImage(event.eventId());
        draft = newDraft();
        uploadImage(draft.eventId());
        paidOrder = newPaidOrder(event, 2);
        ticket = ticketsOf(paidOrder).get(0);
        pendingOrder = newPendingOrder(event);
        soldOutTier = newSoldOutTier(event.eventId());
        waitlistEntry = join(soldOutTier);
        notification = UUID.fromString(as(Actor.ADMIN)
                .queryParam("recipient", actor(Actor.BUYER).email())
                .queryParam("template", "order-confirmation")
                .get("/api/v1/admin/notifications")
                .then()
                .statusCode(200)
                .extract()
                .path("items[0].id"));
    }

    /** The world of the application listening on this port, built on first use. */
    static MatrixWorld of(int port, WaitlistOffers offers) {
        return BUILT.computeIfAbsent(port, p -> new MatrixWorld(new ApiClient(p), offers));
    }

    Account actor(Actor kind) {
        return actors.get(kind);
    }

    /** A request as this actor (no token for {@link Actor#ANONYMOUS}). */
    io.restassured.specification.RequestSpecification as(Actor kind) {
        return kind == Actor.ANONYMOUS ? api.anonymous() : api.as(actor(kind).token());
    }

    /** The e-mail addresses of the world's accounts, by actor. */
    Map<Actor, String> emails() {
        Map<Actor, String> emails = new EnumMap<>(Actor.class);
        actors.forEach((kind, account) -> emails.put(kind, account.email()));
        return emails;
    }

    /** A new account of this kind: buyers register, promoters get a profile, admins grant roles. */
    Account newAccount(Actor kind) {
        if (kind == Actor.ANONYMOUS) {
            return null;
        }
        if (kind == Actor.ADMIN && actors.containsKey(Actor.ADMIN)) {
            return newAdmin();
        }
        if (kind == Actor.ADMIN) {
            String token = api.adminToken();
            UUID id = UUID.fromString(api.as(token).get("/api/v1/users/me").path("id"));
            return new Account(kind, ApiClient.ADMIN_EMAIL, id, token);
        }
        String email = ApiClient.newEmail();
        Response registered = api.register(email, ApiClient.PASSWORD);
        registered.then().statusCode(201);
        UUID id = UUID.fromString(registered.path("user.id"));
        String token = registered.path("tokens.access_token");
        switch (kind) {
            case PROMOTER, OTHER_PROMOTER -> {
                api.as(token)
                        .body("""
                                {"company_name": "Matrix %s Ltd", "contact_email": "desk@matrix.test"}
                                """.formatted(kind))
                        .post("/api/v1/promoters")
                        .then()
                        .statusCode(201);
                token = api.refresh(registered.path("tokens.refresh_token"))
                        .then()
                        .statusCode(200)
                        .extract()
                        .path("access_token");
            }
            case STAFF, OTHER_STAFF -> token = grant(id, email, "staff");
            default -> {}
        }
        return new Account(kind, email, id, token);
    }

    private Account newAdmin() {
        String email = ApiClient.newEmail();
        UUID id = UUID.fromString(api.register(email, ApiClient.PASSWORD).path("user.id"));
        return new Account(Actor.ADMIN, email, id, grant(id, email, "admin"));
    }

    private String grant(UUID id, String email, String role) {
        as(Actor.ADMIN)
                .body("{\"role\": \"" + role + "\"}")
                .put("/api/v1/admin/users/" + id + "/role")
                .then()
                .statusCode(200);
        return api.login(email, ApiClient.PASSWORD)
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
    }

    /** A new published event of PROMOTER with one tier of {@code capacity} seats at 15.00 EUR. */
    Sale newSale(int capacity) {
        Sale sale = newDraft(capacity);
        as(Actor.PROMOTER)
                .post("/api/v1/events/" + sale.eventId() + "/publish")
                .then()
                .statusCode(200);
        return sale;
    }

    /** A new published event of PROMOTER with an image. */
    Sale newSaleWithImage() {
        Sale sale = newSale(5);
        uploadImage(sale.eventId());
        return sale;
    }

    /** Uploads {@link #PNG} as the event's image, as PROMOTER. */
    void uploadImage(UUID eventId) {
        as(Actor.PROMOTER)
                .contentType("image/png")
                .body(PNG)
                .put("/api/v1/promoter/events/" + eventId + "/image")
                .then()
                .statusCode(200);
    }

    /** A new draft event of PROMOTER with one tier. */
    Sale newDraft() {
        return newDraft(100);
    }

    private Sale newDraft(int capacity) {
        String eventId = as(Actor.PROMOTER)
                .body(eventJson("Matrix " + UUID.randomUUID()))
                .post("/api/v1/events")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String tierId = as(Actor.PROMOTER)
                .body(tierJson(capacity))
                .post("/api/v1/events/" + eventId + "/tiers")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        return new Sale(UUID.fromString(eventId), UUID.fromString(tierId));
    }

    void assignStaff(UUID eventId, Account staff) {
        as(Actor.PROMOTER)
                .body("{\"email\": \"" + staff.email() + "\"}")
                .post("/api/v1/promoter/events/" + eventId + "/staff")
                .then()
                .statusCode(201);
    }

    /** BUYER's new order for one seat of the sale, not paid: its seats are held. */
    Order newPendingOrder(Sale sale) {
        return place(actor(Actor.BUYER).token(), sale.tierId(), 1);
    }

    /** BUYER's new order for one seat of a new sale, not paid (so BUYER's per-event limit is never reached). */
    Order newPendingOrder() {
        return newPendingOrder(newSale(10));
    }

    Order newPaidOrder(Sale sale, int quantity) {
        Order order = place(actor(Actor.BUYER).token(), sale.tierId(), quantity);
        pay(order);
        return order;
    }

    Order place(String buyerToken, UUID tierId, int quantity) {
        Response placed = api.as(buyerToken)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(orderJson(tierId, quantity))
                .post("/api/v1/orders");
        placed.then().statusCode(201);
        return new Order(UUID.fromString(placed.path("id")), placed.path("payment.provider_payment_id"));
    }

    void pay(Order order) {
        as(Actor.BUYER)
                .body("{\"payment_method\": \"pm_test_succeeds\"}")
                .post("/api/v1/payments/test-mode/" + order.paymentId() + "/pay")
                .then()
                .statusCode(200);
    }

    /** The tickets of one of BUYER's orders. */
    List<UUID> ticketsOf(Order order) {
        List<Map<String, Object>> items = as(Actor.BUYER)
                .queryParam("size", 100)
                .get("/api/v1/tickets")
                .then()
                .statusCode(200)
                .extract()
                .path("items");
        List<UUID> ids = new ArrayList<>();
        for (Map<String, Object> item : items) {
            if (order.id().toString().equals(item.get("order_id"))) {
                ids.add(UUID.fromString((String) item.get("id")));
            }
        }
        return ids;
    }

    /** The signed code of a new ticket BUYER bought for the world's event (where STAFF works). */
    String newTicketCode() {
        Order order = newPaidOrder(event, 1);
        UUID id = ticketsOf(order).get(0);
        return Objects.requireNonNull(
                as(Actor.BUYER).get("/api/v1/tickets/" + id).path("code"));
    }

    /** A new tier of the event whose only seat a stranger holds: sold out, so it has a waitlist. */
    UUID newSoldOutTier(UUID eventId) {
        String tierId = as(Actor.PROMOTER)
                .body(tierJson(1))
                .post("/api/v1/events/" + eventId + "/tiers")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        place(api.newBuyerToken(), UUID.fromString(tierId), 1);
        return UUID.fromString(tierId);
    }

    /** A sold-out tier of a new sale. */
    UUID newSoldOutTier() {
        return newSoldOutTier(newSale(1).eventId());
    }

    /** BUYER joins the waitlist of a sold-out tier; returns the entry. */
    UUID join(UUID tierId) {
        return UUID.fromString(as(Actor.BUYER)
                .body("{\"tier_id\": \"" + tierId + "\", \"quantity\": 1}")
                .post("/api/v1/waitlist")
                .then()
                .statusCode(201)
                .extract()
                .path("id"));
    }

    /** A new waitlist entry of BUYER with an open offer: the seat's holder cancelled, the offer job ran. */
    UUID newOfferedEntry() {
        Sale sale = newSale(1);
        String holder = api.newBuyerToken();
        Order held = place(holder, sale.tierId(), 1);
        UUID entry = join(sale.tierId());
        api.as(holder).post("/api/v1/orders/" + held.id() + "/cancel").then().statusCode(200);
        offers.makeOffers();
        return entry;
    }

    /** A refresh token of a new login of BUYER. */
    String newRefreshToken() {
        return api.login(actor(Actor.BUYER).email(), ApiClient.PASSWORD)
                .then()
                .statusCode(200)
                .extract()
                .path("refresh_token");
    }

    /** An event's or tier's current version as an If-Match value, read by its owner. */
    String eventETag(UUID eventId) {
        return "\"" + as(Actor.PROMOTER).get("/api/v1/events/" + eventId).path("version") + "\"";
    }

    String tierETag(UUID eventId, UUID tierId) {
        List<Map<String, Object>> tiers =
                as(Actor.PROMOTER).get("/api/v1/events/" + eventId + "/tiers").path("$");
        return tiers.stream()
                .filter(t -> tierId.toString().equals(t.get("id")))
                .map(t -> "\"" + t.get("version") + "\"")
                .findFirst()
                .orElseThrow();
    }

    static String eventJson(String title) {
        return """
                {"title": "%s", "venue": {"name": "Matrix Hall", "city": "Ghent", "country": "BE"},
                 "starts_at": "2031-03-01T19:00:00Z", "currency": "EUR"}
                """.formatted(title);
    }

    static String tierJson(int capacity) {
        return """
                {"name": "Standing %s", "price_minor": 1500, "capacity": %d, "max_per_order": 4}
                """.formatted(UUID.randomUUID().toString().substring(0, 8), capacity);
    }

    static String orderJson(UUID tierId, int quantity) {
        return """
                {"items": [{"tier_id": "%s", "quantity": %d}]}
                """.formatted(tierId, quantity);
    }
}
