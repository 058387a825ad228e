package org.ticketvendor.analytics;

import io.restassured.response.Response;
import java.util.List;
import java.util.UUID;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.ticketvendor.orders.ExpiredOrders;
import org.ticketvendor.orders.SaleFixture;
import org.ticketvendor.support.ApiClient;
import org.ticketvendor.waitlist.WaitlistOffers;

/**
 * One event sold through the API, every outcome once, built the first time a test asks and then only
 * read (tests that change things use events of their own). Event in EUR, Europe/Paris; tiers:
 *
 * <pre>
 * Standard  2,500  capacity 10   VIP  9,000  capacity 3
 * b1  paid      Standard x2 + VIP x1; Standard ticket 1 and the VIP ticket checked in
 * b2  paid      Standard x3; one ticket refunded (partially refunded)
 * b3  paid      VIP x1; refunded (its seat returns)
 * b4  cancelled Standard x1
 * b5  pending   Standard x2 (held)
 * b6  expired   Standard x1
 * b7  paid      VIP x1
 * b8  cancelled VIP x1, held while b9 (1 seat) and b10 (2 seats) joined the VIP waitlist; its seat
 *               then went to b9 as an offer (held), b10 still waits
 * </pre>
 */
final class AnalyticsScenario {

    static final long STANDARD_PRICE = 2_500;
    static final long VIP_PRICE = 9_000;

    private static AnalyticsScenario instance;

    /** The promoter's access token, renewed by each {@link #get} (tokens live 15 minutes). */
    String promoter;

    final String promoterEmail;
    final UUID eventId;
    final UUID standard;
    final UUID vip;
    final List<UUID> orders;

    private AnalyticsScenario(
            String promoter, String promoterEmail, UUID eventId, UUID standard, UUID vip, List<UUID> orders) {
        this.promoter = promoter;
        this.promoterEmail = promoterEmail;
        this.eventId = eventId;
        this.standard = standard;
        this.vip = vip;
        this.orders = orders;
    }

    static synchronized AnalyticsScenario get(ApiClient api, JdbcClient jdbc, ApplicationContext context) {
        if (instance == null) {
            instance = build(api, jdbc, context);
        } else {
            instance.promoter = api.login(instance.promoterEmail, ApiClient.PASSWORD)
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("access_token");
        }
        return instance;
    }

    /** A fresh promoter: {access token, refresh token, e-mail}. */
    static String[] newPromoter(ApiClient api) {
        String email = ApiClient.newEmail();
        Response registered = api.register(email, ApiClient.PASSWORD);
        api.as(registered.<String>path("tokens.access_token"))
                .body("""
                        {"company_name": "Analytics Events Ltd", "contact_email": "stats@promoter.test"}
                        """)
                .post("/api/v1/promoters")
                .then()
                .statusCode(201);
        Response refreshed = api.refresh(registered.path("tokens.refresh_token"));
        return new String[] {refreshed.path("access_token"), refreshed.path("refresh_token"), email};
    }

    static UUID newEvent(ApiClient api, String promoter, String currency, String timezone) {
        return UUID.fromString(api.as(promoter)
                .body("""
                        {"title": "Analytics Fest %s", "venue": {"name": "Dock", "city": "Nantes"},
                         "timezone": "%s", "starts_at": "2030-07-01T18:00:00Z", "currency": "%s"}
                        """.formatted(UUID.randomUUID(), timezone, currency))
                .post("/api/v1/events")
                .then()
                .statusCode(201)
                .extract()
                .path("id"));
    }

    static UUID newTier(ApiClient api, String promoter, UUID eventId, String name, long price, int capacity) {
        return UUID.fromString(api.as(promoter)
                .body("""
                        {"name": "%s", "price_minor": %d, "capacity": %d, "max_per_order": 10}
                        """.formatted(name.replace("\"", "\\\""), price, capacity))
                .post("/api/v1/events/" + eventId + "/tiers")
                .then()
                .statusCode(201)
                .extract()
                .path("id"));
    }

    static void publish(ApiClient api, String promoter, UUID eventId) {
        api.as(promoter).post("/api/v1/events/" + eventId + "/publish").then().statusCode(200);
    }

    /** Places an order (unpaid) for {tier, quantity} pairs; returns the response. */
    static Response hold(ApiClient api, String buyer, Object... tierAndQuantity) {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < tierAndQuantity.length; i += 2) {
            items.append(i == 0 ? "" : ",")
                    .append("{\"tier_id\": \"%s\", \"quantity\": %d}"
                            .formatted(tierAndQuantity[i], tierAndQuantity[i + 1]));
        }
        return api.as(buyer)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body("{\"items\": [" + items + "]}")
                .post("/api/v1/orders");
    }

    /** Places and pays an order; returns its id. */
    static UUID buy(ApiClient api, String buyer, Object... tierAndQuantity) {
        Response placed = hold(api, buyer, tierAndQuantity);
        placed.then().statusCode(201);
        SaleFixture.pay(api, buyer, placed.path("payment.provider_payment_id"));
        return UUID.fromString(placed.path("id"));
    }

    static void checkIn(ApiClient api, String scanner, String buyer, String ticketId) {
        String code = api.as(buyer).get("/api/v1/tickets/" + ticketId).path("code");
        api.as(scanner).body("""
                        {"code": "%s"}
                        """.formatted(code)).post("/api/v1/checkin").then().statusCode(200);
    }

    static void refund(ApiClient api, String promoter, UUID orderId, List<String> ticketIds) {
        String ids =
                String.join(",", ticketIds.stream().map(t -> "\"" + t + "\"").toList());
        api.as(promoter)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body("""
                        {"ticket_ids": [%s], "reason": "requested_by_customer"}
                        """.formatted(ids))
                .post("/api/v1/orders/" + orderId + "/refund")
                .then()
                .statusCode(200);
    }

    static List<String> tickets(ApiClient api, String buyer) {
        return api.as(buyer).get("/api/v1/tickets?size=100").path("items.id");
    }

    private static AnalyticsScenario build(ApiClient api, JdbcClient jdbc, ApplicationContext context) {
        String[] promoter = newPromoter(api);
        String p = promoter[0];
        UUID eventId = newEvent(api, p, "EUR", "Europe/Paris");
        UUID standard = newTier(api, p, eventId, "Standard", STANDARD_PRICE, 10);
        UUID vip = newTier(api, p, eventId, "VIP", VIP_PRICE, 3);
        publish(api, p, eventId);

        String b1 = api.newBuyerToken();
        UUID o1 = buy(api, b1, standard, 2, vip, 1);
        List<String> t1 = api.as(b1).get("/api/v1/tickets?size=100").path("items.id");
        List<String> t1Tiers = api.as(b1).get("/api/v1/tickets?size=100").path("items.tier_id");
        checkIn(api, p, b1, t1.get(t1Tiers.indexOf(standard.toString())));
        checkIn(api, p, b1, t1.get(t1Tiers.indexOf(vip.toString())));

        String b2 = api.newBuyerToken();
        UUID o2 = buy(api, b2, standard, 3);
        refund(api, p, o2, List.of(tickets(api, b2).get(0)));

        String b3 = api.newBuyerToken();
        UUID o3 = buy(api, b3, vip, 1);
        refund(api, p, o3, List.of());

        String b4 = api.newBuyerToken();
        UUID o4 = UUID.fromString(hold(api, b4, standard, 1).path("id"));
        api.as(b4).post("/api/v1/orders/" + o4 + "/cancel").then().statusCode(200);

        String b5 = api.newBuyerToken();
        UUID o5 = UUID.fromString(hold(api, b5, standard, 2).path("id"));

        String b6 = api.newBuyerToken();
        UUID o6 = UUID.fromString(hold(api, b6, standard, 1).path("id"));
        ExpiredOrders.expire(context, jdbc, o6);

        String b7 = api.newBuyerToken();
        UUID o7 = buy(api, b7, vip, 1);

        String b8 = api.newBuyerToken();
        UUID o8 = UUID.fromString(hold(api, b8, vip, 1).path("id"));
        for (int[] wanted : new int[][] {{1}, {2}}) {
            api.as(api.newBuyerToken())
                    .body("""
                            {"tier_id": "%s", "quantity": %d}
                            """.formatted(vip, wanted[0]))
                    .post("/api/v1/waitlist")
                    .then()
                    .statusCode(201);
        }
        api.as(b8).post("/api/v1/orders/" + o8 + "/cancel").then().statusCode(200);
        context.getBean(WaitlistOffers.class).makeOffers();

        return new AnalyticsScenario(p, promoter[2], eventId, standard, vip, List.of(o1, o2, o3, o4, o5, o6, o7, o8));
    }
}
