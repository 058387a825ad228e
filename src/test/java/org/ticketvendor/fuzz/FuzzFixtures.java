package org.ticketvendor.fuzz;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The accounts and data the fuzzer starts from, made over HTTP: buyers, two promoters with events on
 * sale (a large tier, a tiny one that is sold out with a waitlist, a free one), door staff, a fuzz admin
 * (the configured admin is only used to hand out roles, never fuzzed: other tests log in as it), paid
 * orders with tickets and an unpaid one. {@link #stock} runs again during the run, as fuzzed requests
 * cancel events and sell tiers out.
 */
final class FuzzFixtures {

    private final FuzzClient client;
    private final World world;
    private final FuzzRun run;

    FuzzFixtures(FuzzClient client, World world, FuzzRun run) {
        this.client = client;
        this.world = world;
        this.run = run;
    }

    void accounts(String rootAdminToken) {
        List<String> core = List.of(
                Accounts.BUYER_A,
                Accounts.BUYER_B,
                Accounts.PROMOTER_A,
                Accounts.PROMOTER_B,
                Accounts.STAFF,
                Accounts.ADMIN);
        for (String name : core) {
            register(name, role(name), true);
        }
        for (int i = 0; i < Accounts.VICTIMS; i++) {
            Identity victim = register(Accounts.VICTIM + i, i >= 4 ? "staff" : "buyer", false);
            world.add(World.USERS, victim.userId, null);
            world.add(World.EMAILS, victim.email, null);
        }
        world.add(World.EMAILS, run.email("nobody"), null);
        for (String name : List.of(Accounts.PROMOTER_A, Accounts.PROMOTER_B)) {
            Identity promoter = world.identities.get(name);
            client.expect(
                    201, "POST", "/api/v1/promoters", promoter.token(client), """
                    {"company_name": "Fuzz %s Ltd", "contact_email": "%s"}
                    """.formatted(name, promoter.email));
        }
        for (Identity identity : world.identities.values()) {
            if (identity.role.equals("staff") || identity.role.equals("admin")) {
                client.expect(
                        200, "PUT", "/api/v1/admin/users/" + identity.userId + "/role", rootAdminToken, """
                        {"role": "%s"}
                        """.formatted(
                                        identity.role));
            }
            if (identity.role.equals("staff")) {
                world.add(World.STAFF_EMAILS, identity.email, null);
            }
            identity.renew();
        }
    }

    private Identity register(String name, String role, boolean isProtected) {
        Identity identity = new Identity(name, run.email(name), FuzzRun.PASSWORD, role);
        JsonNode registered = client.expect(201, "POST", "/api/v1/auth/register", null, """
                        {"email": "%s", "password": "%s", "full_name": "Fuzz %s"}
                        """.formatted(
                                identity.email, identity.password, name))
                .json();
        identity.userId = registered.at("/user/id").asString();
        world.add(World.REFRESH, registered.at("/tokens/refresh_token").asString(), null);
        world.identities.put(name, identity);
        if (isProtected) {
            world.protectedIds.add(identity.userId);
        }
        return identity;
    }

    private static String role(String name) {
        return switch (name) {
            case Accounts.PROMOTER_A, Accounts.PROMOTER_B -> "promoter";
            case Accounts.STAFF -> "staff";
            case Accounts.ADMIN -> "admin";
            default -> "buyer";
        };
    }

    /** A fresh event of each promoter on sale, with staff, sales, a sold-out tier and its waitlist. */
    void stock() {
        Identity promoterA = world.identities.get(Accounts.PROMOTER_A);
        Identity promoterB = world.identities.get(Accounts.PROMOTER_B);
        Identity buyerA = world.identities.get(Accounts.BUYER_A);
        Identity buyerB = world.identities.get(Accounts.BUYER_B);
        String event = event(promoterA, true, Map.of("General", 100_000, "Tiny", 3, "Free", 1000));
        List<String> tiers = tiers(event);
        if (tiers.size() < 3) {
            throw new IllegalStateException("Fuzzed requests deleted tiers of the new event " + event);
        }
        call(promoterA, 201, "POST", "/api/v1/promoter/events/" + event + "/staff", """
                {"email": "%s"}
                """.formatted(
                        world.identities.get(Accounts.STAFF).email));
        String general = tiers.get(0);
        String free = tiers.get(1);
        String tiny = tiers.get(2);
        buy(buyerA, general, 2, true);
        buy(buyerA, general, 1, false);
        buy(buyerB, tiny, 3, true);
        buy(buyerB, free, 1, true);
        call(buyerA, 201, "POST", "/api/v1/waitlist", """
                {"tier_id": "%s", "quantity": 1}
                """.formatted(tiny));
        call(buyerA, 200, "GET", "/api/v1/tickets?size=100", null);
        call(buyerB, 200, "GET", "/api/v1/tickets?size=100", null);
        event(promoterB, true, Map.of("Standing", 500));
        event(promoterA, false, Map.of("Draft tier", 50));
        // Door staff the fuzzer may remove again: a victim with the staff role, linked to the event so
        // that DELETE .../staff/{userId} picks them for it. Last, as a suspended victim is refused.
        Identity removable = world.identities.get(Accounts.VICTIM + (Accounts.VICTIMS - 1));
        call(promoterA, 201, "POST", "/api/v1/promoter/events/" + event + "/staff", """
                {"email": "%s"}
                """.formatted(removable.email));
        world.relate(event, "staff_user_id", removable.userId);
    }

    private String event(Identity promoter, boolean publish, Map<String, Integer> tiers) {
        String event = call(promoter, 201, "POST", "/api/v1/events", """
                        {"title": "Fuzz %s", "venue": {"name": "Arena", "city": "Porto", "country": "PT"},
                         "starts_at": "2031-06-01T20:00:00Z", "currency": "EUR", "category": "music"}
                        """.formatted(run.next()))
                .get("id")
                .asString();
        tiers.entrySet().stream()
                .sorted(Map.Entry.comparingByValue(java.util.Comparator.reverseOrder()))
                .forEach(t -> call(promoter, 201, "POST", "/api/v1/events/" + event + "/tiers", """
                        {"name": "%s", "price_minor": %d, "capacity": %d, "max_per_order": 10}
                        """.formatted(
                                t.getKey(), t.getKey().equals("Free") ? 0 : 1500, t.getValue())));
        if (publish) {
            call(promoter, 200, "POST", "/api/v1/events/" + event + "/publish", null);
        }
        return event;
    }

    /** The event's tiers, largest first. */
    private List<String> tiers(String event) {
        JsonNode list = call(null, 200, "GET", "/api/v1/events/" + event + "/tiers", null);
        JsonNode items = list.isArray() ? list : list.path("items");
        return java.util.stream.StreamSupport.stream(items.spliterator(), false)
                .sorted(java.util.Comparator.comparingInt(
                                (JsonNode t) -> t.path("capacity").asInt())
                        .reversed())
                .map(t -> t.get("id").asString())
                .toList();
    }

    private void buy(Identity buyer, String tier, int quantity, boolean pay) {
        JsonNode order = call(buyer, 201, "POST", "/api/v1/orders", """
                {"items": [{"tier_id": "%s", "quantity": %d}]}
                """.formatted(tier, quantity));
        String payment = order.at("/payment/provider_payment_id").asString(null);
        if (pay && payment != null) {
            call(buyer, 200, "POST", "/api/v1/payments/test-mode/" + payment + "/pay", """
                    {"payment_method": "pm_test_succeeds"}
                    """);
            call(buyer, 200, "POST", "/api/v1/orders/" + order.get("id").asString() + "/confirm", null);
        }
    }

    /** A fixture request as {@code who}; what it shows is learnt as theirs. */
    private JsonNode call(Identity who, int status, String method, String target, String json) {
        FuzzClient.Response response =
                client.expect(status, method, target, who == null ? null : who.token(client), json);
        JsonNode body = response.json();
        String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
        world.harvest(
                RequestFactory.resourceKind(path.replaceAll("/[0-9a-f-]{36}", "/{id}")),
                body,
                response.etag().orElse(null),
                who == null ? null : who.name);
        return body;
    }
}
