package org.ticketvendor.fuzz;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.random.RandomGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Ways to make a request wrong: one field, the whole body, a parameter, a header. */
final class Mutations {

    /** Extreme dates: the ends of what Java, JSON and PostgreSQL can hold, and beyond; and invalid ones. */
    static final List<String> EXTREME_DATES = List.of(
            "1970-01-01T00:00:00Z",
            "0001-01-01T00:00:00Z",
            "-4714-11-24T00:00:00Z",
            "9999-12-31T23:59:59.999999999Z",
            "+294277-01-01T00:00:00Z",
            "+1000000000-12-31T23:59:59.999999999Z",
            "-1000000000-01-01T00:00:00Z",
            "2030-02-30T00:00:00Z",
            "2030-06-01T25:00:00Z",
            "2030-06-01T20:00:00+14:00",
            "2030-06-01T20:00:00",
            "2030-06-01");

    private Mutations() {}

    /** Changes one field of a valid body (at any depth) against its schema; returns what was done. */
    static String field(ObjectNode body, JsonNode schema, RandomGenerator r) {
        List<Object[]> slots = new ArrayList<>();
        collect(body, schema, slots);
        if (slots.isEmpty()) {
            body.put("unexpected_" + Strings.random(r, 4), "x");
            return "extra field";
        }
        Object[] slot = slots.get(r.nextInt(slots.size()));
        ObjectNode parent = (ObjectNode) slot[0];
        String name = (String) slot[1];
        JsonNode fieldSchema = (JsonNode) slot[2];
        boolean required = (Boolean) slot[3];
        String type = fieldSchema.path("type").asString("string");
        switch (r.nextInt(10)) {
            case 0 -> {
                parent.remove(name);
                return (required ? "required " : "optional ") + name + " missing";
            }
            case 1 -> {
                parent.putNull(name);
                return name + " null";
            }
            case 2 -> {
                parent.set(name, wrongType(type, r));
                return name + " wrong type";
            }
            case 3 -> {
                parent.set(name, outOfRange(type, fieldSchema, r));
                return name + " out of range";
            }
            case 4 -> {
                parent.put(name, Strings.nasty(r));
                return name + " nasty string";
            }
            case 5 -> {
                parent.put("unknown_" + Strings.random(r, 5), Strings.nasty(r));
                return "unknown field";
            }
            case 6 -> {
                parent.put(name, UUID.randomUUID().toString());
                return name + " random uuid";
            }
            case 7 -> {
                ArrayNode many = parent.putArray(name);
                JsonNode element = body.deepCopy();
                for (int i = 0; i < 1 + r.nextInt(300); i++) {
                    many.add(r.nextBoolean() ? element : SchemaValues.NODES.nullNode());
                }
                return name + " big array";
            }
            case 8 -> {
                // Jackson refuses to write more than 500 levels; deeper bodies are made as text in raw().
                parent.set(name, deep(r.nextInt(2) == 0 ? 40 : 450));
                return name + " deeply nested";
            }
            default -> {
                parent.set(name, boundary(fieldSchema, r));
                return name + " at a boundary";
            }
        }
    }

    private static void collect(ObjectNode node, JsonNode schema, List<Object[]> slots) {
        List<String> required = new ArrayList<>();
        schema.path("required").forEach(n -> required.add(n.asString()));
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            String name = property.getKey();
            slots.add(new Object[] {node, name, property.getValue(), required.contains(name)});
            JsonNode child = node.get(name);
            if (child instanceof ObjectNode object) {
                collect(object, property.getValue(), slots);
            } else if (child instanceof ArrayNode array && !array.isEmpty() && array.get(0) instanceof ObjectNode o) {
                collect(o, property.getValue().path("items"), slots);
            }
        }
    }

    static JsonNode wrongType(String type, RandomGenerator r) {
        var n = SchemaValues.NODES;
        List<JsonNode> options = new ArrayList<>(List.of(
                n.stringNode("abc"),
                n.numberNode(42),
                n.numberNode(4.2),
                n.booleanNode(true),
                n.arrayNode().add(1).add("two"),
                n.objectNode().put("a", 1),
                n.stringNode("")));
        options.removeIf(o -> sameType(o, type));
        return options.get(r.nextInt(options.size()));
    }

    private static boolean sameType(JsonNode value, String type) {
        return switch (type) {
            case "string" -> value.isString();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "array" -> value.isArray();
            case "object" -> value.isObject();
            default -> false;
        };
    }

    static JsonNode outOfRange(String type, JsonNode schema, RandomGenerator r) {
        var n = SchemaValues.NODES;
        if (type.equals("string") || type.equals("array")) {
            int max = schema.path(type.equals("string") ? "maxLength" : "maxItems")
                    .asInt(1000);
            return type.equals("string")
                    ? n.stringNode("y".repeat(Math.min(max + 1 + r.nextInt(3), 300_000)))
                    : n.arrayNode();
        }
        long min = schema.path("minimum").asLong(0);
        long max = schema.path("maximum").asLong(Integer.MAX_VALUE);
        return switch (r.nextInt(9)) {
            case 0 -> n.numberNode(min - 1);
            case 1 -> n.numberNode(max + 1);
            case 2 -> n.numberNode(-1);
            case 3 -> n.numberNode(0);
            case 4 -> n.numberNode(Long.MAX_VALUE);
            case 5 -> n.numberNode(new BigInteger("9223372036854775808"));
            case 6 -> n.numberNode(Integer.MAX_VALUE + 1L);
            case 7 -> n.numberNode(1.5);
            default -> n.numberNode(new BigInteger("1" + "0".repeat(400)));
        };
    }

    /**
     * A value at (or just past) the edge of what the schema allows: exactly the minimum or maximum, the
     * longest string in multi-byte characters, the most items, an extreme date.
     */
    static JsonNode boundary(JsonNode schema, RandomGenerator r) {
        var n = SchemaValues.NODES;
        String type = schema.path("type").asString("string");
        switch (type) {
            case "integer", "number" -> {
                long min = schema.path("minimum").asLong(Integer.MIN_VALUE);
                long max = schema.path("maximum").asLong(Integer.MAX_VALUE);
                return n.numberNode(r.nextBoolean() ? min : max);
            }
            case "array" -> {
                ArrayNode many = n.arrayNode();
                int max = schema.path("maxItems").asInt(50);
                for (int i = 0; i < max; i++) {
                    many.add(
                            schema.path("items").path("format").asString("").equals("uuid")
                                    ? n.stringNode(UUID.randomUUID().toString())
                                    : n.numberNode(i));
                }
                return many;
            }
            default -> {
                if (schema.path("format").asString("").equals("date-time")) {
                    return n.stringNode(EXTREME_DATES.get(r.nextInt(EXTREME_DATES.size())));
                }
                int max = schema.path("maxLength").asInt(255);
                String unit =
                        List.of("\u00e9", "\ud83d\ude00", "a", "\u0000", " ").get(r.nextInt(5));
                // maxLength counts UTF-16 units: an emoji is two, so this is at the limit either way.
                return n.stringNode(unit.repeat(Math.max(1, max / unit.length())));
            }
        }
    }

    static JsonNode deep(int depth) {
        JsonNode inner = SchemaValues.NODES.numberNode(1);
        for (int i = 0; i < depth; i++) {
            inner = SchemaValues.NODES.arrayNode().add(inner);
        }
        return inner;
    }

    /** A body that is not the JSON object asked for: broken syntax, another shape, odd bytes, too big. */
    /** A binary body (an image) spoilt in one way: cut short, bytes flipped, junk around it, or empty. */
    static byte[] binary(byte[] valid, RandomGenerator r) {
        byte[] bytes = valid.clone();
        switch (r.nextInt(7)) {
            case 0 -> {
                return java.util.Arrays.copyOf(bytes, r.nextInt(Math.max(1, bytes.length)));
            }
            case 1 -> {
                for (int i = 0; i < 1 + r.nextInt(32); i++) {
                    bytes[r.nextInt(bytes.length)] ^= (byte) (1 + r.nextInt(255));
                }
                return bytes;
            }
            case 2 -> {
                return (Strings.nasty(r) + new String(bytes, StandardCharsets.ISO_8859_1))
                        .getBytes(StandardCharsets.ISO_8859_1);
            }
            case 3 -> {
                byte[] longer = java.util.Arrays.copyOf(bytes, bytes.length + 1 + r.nextInt(4096));
                for (int i = bytes.length; i < longer.length; i++) {
                    longer[i] = (byte) r.nextInt(256);
                }
                return longer;
            }
            case 4 -> {
                return new byte[0];
            }
            case 5 -> {
                return raw(bytes, r);
            }
            default -> {
                // Keep the signature, randomise the rest (chunk lengths, dimensions, data).
                for (int i = Math.min(8, bytes.length); i < bytes.length; i++) {
                    if (r.nextInt(8) == 0) {
                        bytes[i] = (byte) r.nextInt(256);
                    }
                }
                return bytes;
            }
        }
    }

    static byte[] raw(byte[] valid, RandomGenerator r) {
        String json = new String(valid, StandardCharsets.UTF_8);
        int kind = r.nextInt(20);
        if (kind == 18) {
            // Not UTF-8: a lone continuation byte and a truncated two-byte sequence inside a string.
            byte[] bad = json.replaceFirst(":\\s*\"", ":\"\u0001\u0002").getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < bad.length; i++) {
                if (bad[i] == 1) {
                    bad[i] = (byte) 0x80;
                } else if (bad[i] == 2) {
                    bad[i] = (byte) 0xc3;
                }
            }
            return bad;
        }
        String result =
                switch (kind) {
                    case 0 -> json.substring(0, r.nextInt(Math.max(1, json.length())));
                    case 1 -> json + "}";
                    case 2 -> json + " trailing";
                    case 3 -> json.replace('"', '\'');
                    case 4 -> json.replaceFirst("\"([a-z_]+)\":", "$1:");
                    case 5 -> "null";
                    case 6 -> "[]";
                    case 7 -> "\"just a string\"";
                    case 8 -> "12345";
                    case 9 -> "{}";
                    case 10 -> "";
                    case 11 -> "{\"a\": NaN, \"b\": Infinity}";
                    case 12 -> "/* comment */ " + json;
                    case 13 -> "\ufeff" + json;
                    case 14 -> "[".repeat(5000 + r.nextInt(100_000)) + "]".repeat(10);
                    case 15 -> json.replaceFirst("\\{", "{\"dup\": 1, \"dup\": 2, ");
                    case 16 -> "{\"n\": 1" + "0".repeat(2000) + "}";
                    case 17 -> "{\"pad\": \"" + "z".repeat(300_000 + r.nextInt(200_000)) + "\"}";
                    default -> json.replaceAll("[:,]", " ");
                };
        return result.getBytes(StandardCharsets.UTF_8);
    }

    static String contentType(RandomGenerator r) {
        List<String> types = List.of(
                "text/plain",
                "application/xml",
                "application/x-www-form-urlencoded",
                "multipart/form-data",
                "multipart/form-data; boundary=xyz",
                "application/json; charset=UTF-16",
                "application/json; charset=nonsense",
                "application/json;;;",
                "application/merge-patch+json",
                "garbage",
                "*/*",
                "application/*",
                "application/octet-stream",
                "image/png",
                "");
        return types.get(r.nextInt(types.size()));
    }

    static String accept(RandomGenerator r) {
        List<String> types = List.of(
                "application/xml",
                "text/html",
                "image/png",
                "application/problem+json",
                "text/plain",
                "*/*;q=0",
                "garbage",
                "application/x-pem-file");
        return types.get(r.nextInt(types.size()));
    }

    /** A value for a path or query parameter that its schema does not allow (or a tricky one it does). */
    static String parameter(JsonNode schema, RandomGenerator r) {
        String type = schema.path("type").asString("string");
        String format = schema.path("format").asString("");
        if (format.equals("date-time") && r.nextBoolean()) {
            return EXTREME_DATES.get(r.nextInt(EXTREME_DATES.size()));
        }
        return switch (r.nextInt(9)) {
            case 0 -> UUID.randomUUID().toString();
            case 1 ->
                format.equals("uuid")
                        ? UUID.randomUUID().toString().toUpperCase().replace("-", "")
                        : "abc";
            case 2 -> type.equals("integer") ? outOfRange(type, schema, r).toString() : "-1";
            case 3 -> "y".repeat(200 + r.nextInt(9000));
            case 4 -> format.equals("uuid") ? "{" + UUID.randomUUID() + "}" : "";
            case 5 -> "1e3";
            case 6 -> {
                JsonNode edge = boundary(schema, r);
                yield edge.isString() ? edge.asString() : edge.toString();
            }
            default -> Strings.nasty(r);
        };
    }
}
