package org.ticketvendor.fuzz;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;
import tools.jackson.databind.JsonNode;

/**
 * What the fuzzer knows of the application's data: the ids it has seen, by kind (events, tiers, orders,
 * ...), who owns each, how they relate (a ticket's order and event), the ETags last read, and the
 * accounts it acts as. Valid requests draw real ids from here so they reach past the "not found" checks;
 * every 2xx response adds what it shows.
 */
final class World {

    static final String EVENTS = "events";
    static final String SLUGS = "slugs";
    static final String TIERS = "tiers";
    static final String ORDERS = "orders";
    static final String TICKETS = "tickets";
    static final String CODES = "codes";
    static final String WAITLIST = "waitlist";
    static final String USERS = "users";
    static final String NOTIFICATIONS = "notifications";
    static final String PAYMENTS = "payments";
    static final String REFRESH = "refresh";
    static final String EMAILS = "emails";
    static final String STAFF_EMAILS = "staff_emails";
    static final String PROMOTERS = "promoters";

    /** {@code <x>_id} fields of responses and bodies, and the pool their values belong to. */
    static final Map<String, String> ID_FIELDS = Map.of(
            "event_id", EVENTS,
            "tier_id", TIERS,
            "order_id", ORDERS,
            "ticket_id", TICKETS,
            "user_id", USERS,
            "provider_payment_id", PAYMENTS,
            "promoter_id", PROMOTERS);

    private final Map<String, List<String>> pools = new HashMap<>();
    private final Map<String, String> owners = new HashMap<>();
    private final Map<String, Map<String, String>> relations = new HashMap<>();
    private final Map<String, String> etags = new HashMap<>();
    final Map<String, Identity> identities = new LinkedHashMap<>();
    /** Accounts whose id may be the target of role changes and staff assignment (never the ones acted as). */
    final Set<String> protectedIds = new java.util.HashSet<>();

    /** Idempotency keys sent lately, some of which are sent again. */
    final List<String> recentKeys = new java.util.concurrent.CopyOnWriteArrayList<>();

    void rememberKey(String key) {
        recentKeys.add(key);
        if (recentKeys.size() > 50) {
            recentKeys.remove(0);
        }
    }

    synchronized void add(String kind, String value, String owner) {
        if (value == null || value.isEmpty()) {
            return;
        }
        if (kind.equals(USERS) && protectedIds.contains(value)) {
            return;
        }
        List<String> pool = pools.computeIfAbsent(kind, k -> new ArrayList<>());
        if (!pool.contains(value)) {
            pool.add(value);
            if (pool.size() > 400) {
                pool.remove(0);
            }
        }
        if (owner != null) {
            owners.putIfAbsent(value, owner);
        }
    }

    synchronized void relate(String id, String field, String value) {
        relations.computeIfAbsent(id, k -> new HashMap<>()).putIfAbsent(field, value);
    }

    synchronized String related(String id, String field) {
        Map<String, String> r = relations.get(id);
        return r == null ? null : r.get(field);
    }

    synchronized String owner(String value) {
        return value == null ? null : owners.get(value);
    }

    synchronized void etag(String id, String etag) {
        etags.put(id, etag);
    }

    synchronized String etag(String id) {
        return etags.get(id);
    }

    synchronized int size(String kind) {
        return pools.getOrDefault(kind, List.of()).size();
    }

    /**
     * A value of {@code kind}, preferring one owned by {@code owner} and related to one of {@code anchors}
     * (when any is), and recent ones; null when none is known.
     */
    synchronized String pick(String kind, RandomGenerator random, String owner, List<String> anchors) {
        List<String> pool = pools.getOrDefault(kind, List.of());
        if (pool.isEmpty()) {
            return null;
        }
        if (!anchors.isEmpty() && random.nextInt(10) < 9) {
            List<String> linked =
                    pool.stream().filter(v -> isLinked(v, anchors)).toList();
            if (!linked.isEmpty()) {
                return recent(linked, random);
            }
        }
        if (owner != null && random.nextInt(10) < 8) {
            List<String> own =
                    pool.stream().filter(v -> owner.equals(owners.get(v))).toList();
            if (!own.isEmpty()) {
                return recent(own, random);
            }
        }
        return recent(pool, random);
    }

    synchronized String any(String kind, RandomGenerator random) {
        return pick(kind, random, null, List.of());
    }

    private boolean isLinked(String value, List<String> anchors) {
        Map<String, String> mine = relations.getOrDefault(value, Map.of());
        for (String anchor : anchors) {
            if (mine.containsValue(anchor)
                    || relations.getOrDefault(anchor, Map.of()).containsValue(value)) {
                return true;
            }
        }
        return false;
    }

    private static String recent(List<String> values, RandomGenerator random) {
        if (values.size() > 12 && random.nextInt(10) < 6) {
            return values.get(values.size() - 1 - random.nextInt(12));
        }
        return values.get(random.nextInt(values.size()));
    }

    /**
     * Learns from a 2xx response: ids (of the operation's own resource at the top level and in {@code
     * items}, and every {@code <x>_id} field), slugs, ticket codes, refresh tokens, ETags, and which id
     * belongs to which event or order.
     */
    void harvest(String resourceKind, JsonNode body, String etag, String requester) {
        if (body != null && body.isArray()) {
            for (JsonNode item : body) {
                harvestObject(resourceKind, item, requester, null);
            }
            return;
        }
        if (body == null || !body.isObject()) {
            return;
        }
        String owner = requester;
        if (body.has("items") && body.get("items").isArray()) {
            for (JsonNode item : body.get("items")) {
                harvestObject(resourceKind, item, owner, null);
            }
        }
        harvestObject(resourceKind, body, owner, etag);
    }

    private void harvestObject(String kind, JsonNode node, String owner, String etag) {
        if (!node.isObject()) {
            return;
        }
        String id = node.path("id").isString() ? node.get("id").asString() : null;
        if (id != null && kind != null) {
            add(kind, id, owner);
            if (etag != null) {
                etag(id, etag);
            }
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            JsonNode value = field.getValue();
            String pool = ID_FIELDS.get(field.getKey());
            if (pool != null && value.isString()) {
                add(pool, value.asString(), pool.equals(USERS) ? null : owner);
                if (id != null) {
                    relate(id, field.getKey(), value.asString());
                }
            }
        }
        if (node.path("slug").isString()) {
            add(SLUGS, node.get("slug").asString(), owner);
        }
        if (TICKETS.equals(kind) && node.path("code").isString() && id != null) {
            String code = node.get("code").asString();
            add(CODES, code, owner);
            relate(code, "event_id", node.path("event_id").asString());
            relate(code, "ticket_id", id);
        }
        if (node.path("refresh_token").isString()) {
            add(REFRESH, node.get("refresh_token").asString(), owner);
        }
        JsonNode payment = node.get("payment");
        if (payment != null && payment.path("provider_payment_id").isString()) {
            String paymentId = payment.get("provider_payment_id").asString();
            add(PAYMENTS, paymentId, owner);
            String orderId = id != null ? id : node.path("order_id").asString(null);
            if (orderId != null) {
                relate(paymentId, "order_id", orderId);
                add(ORDERS, orderId, owner);
            }
        }
        JsonNode tokens = node.get("tokens");
        if (tokens != null) {
            harvestObject(null, tokens, owner, null);
        }
        JsonNode user = node.get("user");
        if (user != null && user.path("id").isString()) {
            add(USERS, user.get("id").asString(), null);
            add(EMAILS, user.path("email").asString(), null);
        }
    }
}
