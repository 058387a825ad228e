package org.ticketvendor.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.random.RandomGenerator;
import org.ticketvendor.support.TestImages;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Makes one request for an operation of the spec: valid (schema-conforming, real ids, the account the
 * endpoint is for) or wrong in one chosen way. Which role an endpoint wants is not in the OpenAPI
 * document; {@link Accounts#natural} knows it.
 */
final class RequestFactory {

    /** The invalid kinds, repeated by weight. */
    private static final List<String> STRATEGIES = List.of(
            "body-field",
            "body-field",
            "body-field",
            "body-raw",
            "body-raw",
            "content-type",
            "path",
            "path",
            "query",
            "query",
            "header",
            "auth",
            "auth",
            "other-user",
            "other-user",
            "method",
            "unknown-path");

    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS");

    private final ApiSpec spec;
    private final World world;
    private final FuzzRun run;
    private final FuzzClient client;
    private final ForgedTokens forged;
    private final Accounts accounts;

    RequestFactory(ApiSpec spec, World world, FuzzRun run, FuzzClient client, ForgedTokens forged) {
        this.spec = spec;
        this.world = world;
        this.run = run;
        this.client = client;
        this.forged = forged;
        this.accounts = new Accounts(world);
    }

    /** A request and what the fuzzer meant by it. */
    record Planned(FuzzClient.Request request, boolean crossAccount) {}

    Planned next(RandomGenerator r) {
        List<ApiSpec.Operation> from =
                spec.undocumented().isEmpty() || r.nextInt(25) > 0 ? spec.operations() : spec.undocumented();
        ApiSpec.Operation op = from.get(r.nextInt(from.size()));
        boolean valid = r.nextInt(100) < run.validPercent;
        String strategy = valid ? "valid" : applicable(op, r);
        return build(op, strategy, r);
    }

    private static String applicable(ApiSpec.Operation op, RandomGenerator r) {
        while (true) {
            String s = STRATEGIES.get(r.nextInt(STRATEGIES.size()));
            boolean needsBody = s.startsWith("body") || s.equals("content-type");
            if (needsBody && op.bodySchema() == null) {
                continue;
            }
            if (s.equals("body-field")
                    && !op.bodySchema().path("type").asString("").equals("object")) {
                continue;
            }
            if (s.equals("path") && op.in(ApiSpec.In.PATH).isEmpty()) {
                continue;
            }
            return s;
        }
    }

    Planned build(ApiSpec.Operation op, String strategy, RandomGenerator r) {
        Map<String, String> pathValues = new LinkedHashMap<>();
        List<String> anchors = new ArrayList<>();
        for (ApiSpec.Parameter p : op.in(ApiSpec.In.PATH)) {
            String kind = kindOf(p.name(), op.path(), r);
            String value = kind == null ? null : world.pick(kind, r, null, anchors);
            if (value == null) {
                value = p.schema().path("format").asString("").equals("uuid")
                        ? UUID.randomUUID().toString()
                        : "fuzz-" + Strings.random(r, 8);
            }
            anchors.add(value);
            pathValues.put(p.name(), value);
        }
        Identity natural = accounts.natural(op, anchors, r);
        Identity who = natural;
        boolean crossAccount = false;
        String description = strategy;
        if (strategy.equals("other-user")) {
            who = accounts.other(natural, r);
            crossAccount = crossAccount(op, natural, who, anchors);
        }
        if (strategy.equals("path")) {
            ApiSpec.Parameter p =
                    op.in(ApiSpec.In.PATH).get(r.nextInt(op.in(ApiSpec.In.PATH).size()));
            pathValues.put(p.name(), Mutations.parameter(p.schema(), r));
        }
        SchemaValues.Context ctx = new SchemaValues.Context(r, world, run, op.path(), who);
        ctx.anchors.addAll(anchors);

        List<String[]> query = new ArrayList<>();
        for (ApiSpec.Parameter p : op.in(ApiSpec.In.QUERY)) {
            if (p.required() || r.nextInt(3) == 0) {
                query.add(new String[] {p.name(), scalar(SchemaValues.value(p.name(), p.schema(), ctx))});
            }
        }
        if (strategy.equals("query")) {
            List<ApiSpec.Parameter> params = op.in(ApiSpec.In.QUERY);
            if (params.isEmpty() || r.nextInt(4) == 0) {
                query.add(
                        new String[] {r.nextBoolean() ? "page" : "unknown_" + Strings.random(r, 3), Strings.nasty(r)});
            } else {
                ApiSpec.Parameter p = params.get(r.nextInt(params.size()));
                query.removeIf(q -> q[0].equals(p.name()));
                query.add(new String[] {p.name(), Mutations.parameter(p.schema(), r)});
                if (r.nextInt(4) == 0) {
                    query.add(new String[] {p.name(), Mutations.parameter(p.schema(), r)});
                }
            }
        }

        List<String[]> headers = new ArrayList<>();
        boolean json = op.bodyContentType() != null;
        headers.add(new String[] {
            "Accept", r.nextBoolean() ? "*/*" : "application/json, application/problem+json, */*;q=0.5"
        });
        if (who != null) {
            headers.add(new String[] {"Authorization", "Bearer " + who.token(client)});
        }
        for (ApiSpec.Parameter p : op.in(ApiSpec.In.HEADER)) {
            String value = header(p, anchors, ctx);
            if (value != null) {
                headers.add(new String[] {p.name(), value});
            }
        }
        byte[] body = null;
        if (json && !op.bodyContentType().contains("json")) {
            // A binary body (an image upload): a real image, so that valid requests can succeed.
            body = image(r);
            if (strategy.equals("body-raw")) {
                body = Mutations.binary(body, r);
            }
            headers.add(new String[] {
                "Content-Type", strategy.equals("content-type") ? Mutations.contentType(r) : op.bodyContentType()
            });
        } else if (json) {
            JsonNode value = SchemaValues.value("body", op.bodySchema(), ctx);
            if (strategy.equals("body-field") && value instanceof ObjectNode object) {
                description += ": " + Mutations.field(object, op.bodySchema(), r);
            }
            body = FuzzClient.JSON.writeValueAsBytes(value);
            if (strategy.equals("body-raw")) {
                body = Mutations.raw(body, r);
            }
            headers.add(new String[] {
                "Content-Type", strategy.equals("content-type") ? Mutations.contentType(r) : op.bodyContentType()
            });
            if (strategy.equals("content-type") && r.nextInt(4) == 0) {
                headers.removeIf(h -> h[0].equals("Content-Type"));
            }
        }
        String method = op.method();
        if (strategy.equals("auth")) {
            headers.removeIf(h -> h[0].equals("Authorization"));
            int kind = r.nextInt(4);
            if (kind == 0) {
                headers.add(new String[] {"Authorization", "Bearer " + forged.ghost(r)});
            } else if (kind > 1) {
                headers.add(new String[] {
                    "Authorization", forged.badAuthorization(r, who == null ? null : who.token(client))
                });
            }
        } else if (strategy.equals("header")) {
            description += ": " + breakHeader(headers, r);
        } else if (strategy.equals("method")) {
            List<String> others = new ArrayList<>(METHODS);
            others.remove(method);
            method = others.get(r.nextInt(others.size()));
        }
        String path = op.path();
        for (Map.Entry<String, String> p : pathValues.entrySet()) {
            path = path.replace("{" + p.getKey() + "}", encode(p.getValue()));
        }
        if (strategy.equals("unknown-path")) {
            path = r.nextBoolean() ? path + "/" + encode(Strings.nasty(r)) : path.replace("/api/v1/", "/api/v9/");
        }
        StringBuilder target = new StringBuilder(path);
        for (int i = 0; i < query.size(); i++) {
            target.append(i == 0 ? '?' : '&')
                    .append(encode(query.get(i)[0]))
                    .append('=')
                    .append(encode(query.get(i)[1]));
        }
        FuzzClient.Request request = new FuzzClient.Request(
                op.name(), description, method, target.toString(), headers, body, who, resourceKind(op.path()));
        return new Planned(request, crossAccount);
    }

    /**
     * Whether {@code who} must be refused: an admin endpoint for a non-admin, or another account's order,
     * ticket, waitlist entry, event or tier (public reads excepted).
     */
    private boolean crossAccount(ApiSpec.Operation op, Identity natural, Identity who, List<String> anchors) {
        if (who == null || natural == null || who == natural) {
            return false;
        }
        if (op.path().startsWith("/api/v1/admin/")) {
            return true;
        }
        boolean publicRead = op.method().equals("GET")
                && (op.path().startsWith("/api/v1/events") || op.path().startsWith("/api/v1/tiers"));
        if (publicRead || natural.role.equals("admin") || op.path().contains("/test-mode/")) {
            return false;
        }
        boolean ownedByOther = false;
        for (String id : anchors) {
            for (String owned : new String[] {id, world.related(id, "event_id")}) {
                String owner = owned == null ? null : world.owner(owned);
                if (who.name.equals(owner)) {
                    return false;
                }
                ownedByOther |= owner != null;
            }
        }
        return ownedByOther;
    }

    private String header(ApiSpec.Parameter p, List<String> anchors, SchemaValues.Context ctx) {
        RandomGenerator r = ctx.random;
        return switch (p.name()) {
            case "Idempotency-Key" -> {
                if (r.nextInt(10) == 0 && !world.recentKeys.isEmpty()) {
                    yield world.recentKeys.get(r.nextInt(world.recentKeys.size()));
                }
                String key = UUID.randomUUID().toString();
                world.rememberKey(key);
                yield key;
            }
            case "If-Match" -> {
                String etag = anchors.isEmpty() ? null : world.etag(anchors.get(anchors.size() - 1));
                yield etag != null ? etag : r.nextBoolean() ? "\"0\"" : null;
            }
            case "Stripe-Signature" -> "t=" + (System.currentTimeMillis() / 1000) + ",v1=" + Strings.random(r, 64);
            default -> p.required() ? scalar(SchemaValues.value(p.name(), p.schema(), ctx)) : null;
        };
    }

    private static String breakHeader(List<String[]> headers, RandomGenerator r) {
        boolean hasKey = headers.stream().anyMatch(h -> h[0].equals("Idempotency-Key"));
        boolean hasIfMatch = headers.stream().anyMatch(h -> h[0].equals("If-Match"));
        int kind = r.nextInt(6);
        if (kind == 0 && hasKey) {
            headers.removeIf(h -> h[0].equals("Idempotency-Key"));
            if (r.nextBoolean()) {
                headers.add(new String[] {"Idempotency-Key", r.nextBoolean() ? "" : "k".repeat(200 + r.nextInt(8000))});
            }
            return "Idempotency-Key missing or odd";
        }
        if (kind == 1 && hasIfMatch || kind == 2) {
            headers.removeIf(h -> h[0].equals("If-Match"));
            List<String> odd =
                    List.of("*", "garbage", "W/\"1\"", "\"1\", \"2\"", "\"999999999999999999999\"", "\"-1\"", "\"\"");
            headers.add(new String[] {"If-Match", odd.get(r.nextInt(odd.size()))});
            return "If-Match odd";
        }
        if (kind == 3) {
            headers.removeIf(h -> h[0].equals("Accept"));
            headers.add(new String[] {"Accept", Mutations.accept(r)});
            return "Accept odd";
        }
        if (kind == 4) {
            headers.add(new String[] {"X-Request-Id", r.nextBoolean() ? "x".repeat(5000) : "a b\tc"});
            return "X-Request-Id odd";
        }
        headers.add(new String[] {"X-Forwarded-For", "1.2.3.4, " + Strings.random(r, 10)});
        return "X-Forwarded-For";
    }

    /** A small PNG or JPEG, or now and then one whose header claims more pixels than allowed. */
    private static byte[] image(RandomGenerator r) {
        int width = 1 + r.nextInt(64);
        int height = 1 + r.nextInt(64);
        return switch (r.nextInt(8)) {
            case 0 -> TestImages.pngClaiming(5000 + r.nextInt(100_000), height);
            case 1, 2, 3 -> TestImages.jpeg(width, height);
            default -> TestImages.png(width, height);
        };
    }

    /** The pool a path parameter's values come from. */
    static String kindOf(String name, String path, RandomGenerator r) {
        return switch (name) {
            case "eventId" -> World.EVENTS;
            case "tierId" -> World.TIERS;
            case "userId" -> World.USERS;
            case "providerPaymentId" -> World.PAYMENTS;
            case "idOrSlug" -> r.nextBoolean() ? World.EVENTS : World.SLUGS;
            default -> {
                int at = path.indexOf("/{" + name + "}");
                String before = at < 0 ? "" : path.substring(path.lastIndexOf('/', at - 1) + 1, at);
                yield collection(before);
            }
        };
    }

    /** The kind of what an operation's response is about: its path's last known collection. */
    static String resourceKind(String path) {
        String[] segments = path.split("/");
        for (int i = segments.length - 1; i >= 0; i--) {
            String kind = collection(segments[i]);
            if (kind != null) {
                return kind;
            }
        }
        return null;
    }

    private static String collection(String segment) {
        return switch (segment) {
            case "events" -> World.EVENTS;
            case "tiers" -> World.TIERS;
            case "orders" -> World.ORDERS;
            case "tickets" -> World.TICKETS;
            case "waitlist" -> World.WAITLIST;
            case "users" -> World.USERS;
            case "notifications" -> World.NOTIFICATIONS;
            case "promoters" -> World.PROMOTERS;
            default -> null;
        };
    }

    private static String scalar(JsonNode node) {
        return node.isString() ? node.asString() : node.toString();
    }

    /** Percent-encodes everything but the unreserved characters (RFC 3986), for a path segment or query part. */
    static String encode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
                out.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
