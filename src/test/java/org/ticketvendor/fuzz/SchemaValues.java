package org.ticketvendor.fuzz;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.random.RandomGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Schema-conforming values. The schema says the type, bounds, pattern and enum; the property's name
 * picks a realistic value where the schema allows many (a currency the catalog takes, a tier id the
 * world knows, a start before the end), so valid requests get past the business checks too.
 */
final class SchemaValues {

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final Instant NOW = Instant.now();

    /** What a value is chosen for: the operation's path, who asks, and ids already chosen (to stay related). */
    static final class Context {
        final RandomGenerator random;
        final World world;
        final FuzzRun run;
        final String path;
        final Identity identity;
        final List<String> anchors = new ArrayList<>();

        Context(RandomGenerator random, World world, FuzzRun run, String path, Identity identity) {
            this.random = random;
            this.world = world;
            this.run = run;
            this.path = path;
            this.identity = identity;
        }

        String owner() {
            return identity == null ? null : identity.name;
        }

        /** A known value of the kind, related to those picked before; it and its event anchor what follows. */
        String pick(String kind) {
            String value = world.pick(kind, random, owner(), anchors);
            if (value != null && random.nextInt(4) > 0) {
                anchors.add(value);
                String event = world.related(value, "event_id");
                if (event != null) {
                    anchors.add(event);
                }
            }
            return value;
        }
    }

    private SchemaValues() {}

    static JsonNode value(String rawName, JsonNode schema, Context ctx) {
        String name = snake(rawName);
        RandomGenerator r = ctx.random;
        String type = schema.path("type").asString("");
        JsonNode hinted = byName(name, type, schema, ctx);
        if (hinted != null) {
            return hinted;
        }
        if (schema.has("enum")) {
            JsonNode options = schema.get("enum");
            return options.get(r.nextInt(options.size()));
        }
        switch (type) {
            case "object" -> {
                return object(schema, ctx);
            }
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                int min = schema.path("minItems").asInt(0);
                int max = Math.min(schema.path("maxItems").asInt(3), Math.max(min, 3));
                // Mostly one element: several order lines from unrelated tiers mostly fail the same way.
                int n = r.nextInt(5) > 0 ? Math.max(1, min) : Math.max(1, min) + r.nextInt(Math.max(1, max - min));
                for (int i = 0; i < n; i++) {
                    array.add(value(singular(name), schema.path("items"), ctx));
                }
                return array;
            }
            case "integer" -> {
                long min = schema.path("minimum").asLong(0);
                long max = schema.path("maximum").asLong(min + 1000);
                long span = Math.min(max - min, 20);
                return NODES.numberNode(min + (span <= 0 ? 0 : r.nextLong(span + 1)));
            }
            case "number" -> {
                return NODES.numberNode(r.nextInt(10_000) / 100.0);
            }
            case "boolean" -> {
                return NODES.booleanNode(r.nextBoolean());
            }
            default -> {
                return NODES.stringNode(string(name, schema, ctx));
            }
        }
    }

    static ObjectNode object(JsonNode schema, Context ctx) {
        ObjectNode object = NODES.objectNode();
        List<String> required = new ArrayList<>();
        schema.path("required").forEach(n -> required.add(n.asString()));
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            if (required.contains(property.getKey()) || ctx.random.nextInt(3) > 0) {
                object.set(property.getKey(), value(property.getKey(), property.getValue(), ctx));
            }
        }
        JsonNode additional = schema.get("additionalProperties");
        if (additional != null
                && additional.isObject()
                && schema.path("properties").isEmpty()) {
            for (int i = ctx.random.nextInt(3); i > 0; i--) {
                object.put("k" + i, ctx.random.nextBoolean() ? "v" + i : String.valueOf(ctx.random.nextInt(100)));
            }
        }
        keepPairsInOrder(object, ctx.random);
        return object;
    }

    private static String string(String name, JsonNode schema, Context ctx) {
        RandomGenerator r = ctx.random;
        String format = schema.path("format").asString("");
        switch (format) {
            case "uuid" -> {
                String kind = World.ID_FIELDS.get(name);
                String known = kind == null ? null : ctx.pick(kind);
                return known != null ? known : UUID.randomUUID().toString();
            }
            case "date-time" -> {
                return NOW.plus(Duration.ofHours(24 + r.nextInt(24 * 365 * 3))).toString();
            }
            case "email" -> {
                return "fuzz-" + ctx.run.id + "-" + ctx.run.next() + "@fuzz.test";
            }
            case "byte" -> {
                return Base64.getEncoder().encodeToString(Strings.random(r, 20).getBytes());
            }
            default -> {}
        }
        if (schema.has("pattern")) {
            String matching = Strings.matching(r, schema.get("pattern").asString());
            if (matching != null) {
                return matching;
            }
        }
        int min = Math.max(schema.path("minLength").asInt(0), 1);
        int max = Math.max(min, Math.min(schema.path("maxLength").asInt(30), 30));
        return "Fuzz " + Strings.random(r, Math.max(0, min + r.nextInt(max - min + 1) - 5));
    }

    /** Values a name calls for; null to let the schema decide. */
    private static JsonNode byName(String name, String type, JsonNode schema, Context ctx) {
        RandomGenerator r = ctx.random;
        String path = ctx.path;
        return switch (name) {
            case "email" -> {
                if (path.contains("/auth/login") && r.nextInt(5) > 0) {
                    // Half the time an account whose password the fuzzer knows (the others were
                    // registered by fuzzed requests with passwords of their own).
                    if (r.nextBoolean()) {
                        List<Identity> known = List.copyOf(ctx.world.identities.values());
                        yield NODES.stringNode(known.get(r.nextInt(known.size())).email);
                    }
                    yield text(ctx.world.any(World.EMAILS, r));
                }
                if (path.contains("/staff")) {
                    yield text(ctx.world.any(World.STAFF_EMAILS, r));
                }
                yield NODES.stringNode("fuzz-" + ctx.run.id + "-" + ctx.run.next() + "@fuzz.test");
            }
            case "password" ->
                NODES.stringNode(
                        path.contains("/auth/login") && r.nextInt(5) > 0
                                ? FuzzRun.PASSWORD
                                : "pw-" + Strings.random(r, 14));
            case "refresh_token" -> text(ctx.world.any(World.REFRESH, r));
            case "code" -> text(ctx.pick(World.CODES));
            case "currency" -> oneOf(r, "EUR", "EUR", "USD", "GBP");
            case "country" -> oneOf(r, "FR", "PT", "GB", "US");
            case "timezone" -> oneOf(r, "UTC", "Europe/Lisbon", "America/New_York", "Asia/Tokyo");
            case "category" -> oneOf(r, "music", "sports", "theatre", "comedy");
            case "website", "image_url" -> NODES.stringNode("https://example.test/" + Strings.random(r, 8));
            case "payment_method" ->
                oneOf(r, "pm_test_succeeds", "pm_test_succeeds", "pm_test_declines", "pm_test_delayed");
            case "quantity" -> NODES.numberNode(1 + r.nextInt(r.nextInt(8) == 0 ? 4 : 2));
            case "capacity" -> NODES.numberNode(r.nextInt(4) == 0 ? 1 + r.nextInt(3) : 10 + r.nextInt(500));
            case "price_minor" -> NODES.numberNode(r.nextInt(5) == 0 ? 0 : 100 + r.nextInt(20_000));
            case "min_per_order" -> NODES.numberNode(1);
            case "max_per_order" -> NODES.numberNode(2 + r.nextInt(9));
            case "reason" -> NODES.stringNode("fuzz " + Strings.random(r, 6));
            case "status" ->
                path.contains("/notifications") ? oneOf(r, "pending", "sending", "sent", "failed", "recorded") : null;
            case "template" -> oneOf(r, "order-confirmation", "order-cancelled", "order-refunded", "event-cancelled");
            case "recipient" -> text(ctx.world.any(World.EMAILS, r));
            case "nonce" -> NODES.stringNode(UUID.randomUUID().toString());
            case "ticket_ids" -> {
                ArrayNode ids = NODES.arrayNode();
                for (int i = 1 + r.nextInt(2); i > 0; i--) {
                    String ticket = ctx.pick(World.TICKETS);
                    ids.add(ticket == null ? UUID.randomUUID().toString() : ticket);
                }
                yield ids;
            }
            case "starts_at" ->
                NODES.stringNode(NOW.plus(Duration.ofDays(30 + r.nextInt(900))).toString());
            case "sales_start_at" ->
                NODES.stringNode(NOW.minus(Duration.ofDays(1 + r.nextInt(30))).toString());
            default -> null;
        };
    }

    /** Ends after starts, maxima above minima: otherwise most generated objects fail the same check. */
    private static void keepPairsInOrder(ObjectNode object, RandomGenerator r) {
        for (String[] pair : new String[][] {{"starts_at", "ends_at"}, {"sales_start_at", "sales_end_at"}}) {
            if (object.has(pair[0]) && object.has(pair[1])) {
                Instant start = Instant.parse(object.get(pair[0]).asString());
                object.put(
                        pair[1],
                        start.plus(Duration.ofHours(1 + r.nextInt(24 * 60))).toString());
            }
        }
        if (object.has("sales_end_at") && !object.has("sales_start_at")) {
            object.put(
                    "sales_end_at", NOW.plus(Duration.ofDays(1 + r.nextInt(60))).toString());
        }
        if (object.has("min_per_order") && object.has("max_per_order")) {
            int min = object.get("min_per_order").asInt();
            if (object.get("max_per_order").asInt() < min) {
                object.put("max_per_order", min);
            }
        }
    }

    private static JsonNode text(String value) {
        return value == null ? null : NODES.stringNode(value);
    }

    private static JsonNode oneOf(RandomGenerator r, String... values) {
        return NODES.stringNode(values[r.nextInt(values.length)]);
    }

    private static String singular(String name) {
        return name.endsWith("_ids") ? name.substring(0, name.length() - 1) : name;
    }

    /** camelCase to snake_case (the spec may say either; hints are keyed by the wire names). */
    static String snake(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }
}
