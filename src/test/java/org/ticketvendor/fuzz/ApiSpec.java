package org.ticketvendor.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The operations of an OpenAPI 3 document as the fuzzer needs them: method, path template, parameters
 * and request body schema, with every {@code $ref} resolved against the document's components.
 */
record ApiSpec(List<Operation> operations, List<Operation> undocumented, JsonNode document) {

    /** Where a parameter goes. */
    enum In {
        PATH,
        QUERY,
        HEADER
    }

    record Parameter(String name, In in, boolean required, JsonNode schema) {}

    /**
     * @param bodyContentType the first media type of the request body, null without a body
     * @param bodySchema its schema with references resolved, null without a body
     */
    record Operation(
            String method,
            String path,
            List<Parameter> parameters,
            String bodyContentType,
            JsonNode bodySchema,
            boolean bodyRequired) {

        String name() {
            return method + " " + path;
        }

        List<Parameter> in(In in) {
            return parameters.stream().filter(p -> p.in() == in).toList();
        }
    }

    /**
     * The operations plus requests for paths the document does not list but the server answers (the
     * container's error page, actuator, documentation), which must not fail either.
     */
    ApiSpec withUndocumented() {
        List<Operation> extra = new ArrayList<>();
        for (String method : List.of("GET", "POST", "DELETE")) {
            extra.add(new Operation(method, "/error", List.of(), null, null, false));
        }
        JsonNode text = JsonMapper.builder().build().readTree("{\"type\":\"string\"}");
        extra.add(new Operation("GET", "/actuator/health", List.of(), null, null, false));
        extra.add(new Operation(
                "GET",
                "/actuator/health/{component}",
                List.of(new Parameter("component", In.PATH, true, text)),
                null,
                null,
                false));
        extra.add(new Operation("GET", "/actuator/prometheus", List.of(), null, null, false));
        extra.add(new Operation(
                "GET",
                "/v3/api-docs/{group}",
                List.of(new Parameter("group", In.PATH, true, text)),
                null,
                null,
                false));
        extra.add(new Operation("GET", "/", List.of(), null, null, false));
        return new ApiSpec(operations, List.copyOf(extra), document);
    }

    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch", "head", "options");

    static ApiSpec parse(String json) {
        JsonNode document = JsonMapper.builder().build().readTree(json);
        List<Operation> operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            for (String method : METHODS) {
                JsonNode op = path.getValue().get(method);
                if (op == null) {
                    continue;
                }
                List<Parameter> parameters = new ArrayList<>();
                for (JsonNode p : op.path("parameters")) {
                    JsonNode param = resolve(document, p);
                    In in = In.valueOf(param.path("in").asString().toUpperCase(Locale.ROOT));
                    parameters.add(new Parameter(
                            param.path("name").asString(),
                            in,
                            param.path("required").asBoolean(false),
                            resolve(document, param.path("schema"))));
                }
                String contentType = null;
                JsonNode bodySchema = null;
                boolean bodyRequired = false;
                JsonNode body = op.get("requestBody");
                if (body != null) {
                    body = resolve(document, body);
                    Map.Entry<String, JsonNode> first =
                            body.path("content").properties().iterator().next();
                    contentType = first.getKey();
                    bodySchema = resolve(document, first.getValue().path("schema"));
                    bodyRequired = body.path("required").asBoolean(false);
                }
                operations.add(new Operation(
                        method.toUpperCase(Locale.ROOT),
                        path.getKey(),
                        List.copyOf(parameters),
                        contentType,
                        bodySchema,
                        bodyRequired));
            }
        }
        return new ApiSpec(List.copyOf(operations), List.of(), document);
    }

    /** A copy of {@code node} with every {@code $ref} replaced by what it points to (cycles cut at depth 12). */
    static JsonNode resolve(JsonNode document, JsonNode node) {
        return resolve(document, node, 0);
    }

    private static JsonNode resolve(JsonNode document, JsonNode node, int depth) {
        if (node == null || node.isMissingNode() || depth > 12) {
            return node;
        }
        if (node.isObject() && node.has("$ref")) {
            String ref = node.get("$ref").asString();
            JsonNode target = document.at(ref.substring(1));
            return resolve(document, target, depth + 1);
        }
        if (node.isObject()) {
            ObjectNode copy = ((ObjectNode) node).objectNode();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                copy.set(field.getKey(), resolve(document, field.getValue(), depth + 1));
            }
            return copy;
        }
        if (node.isArray()) {
            var copy = ((tools.jackson.databind.node.ArrayNode) node).arrayNode();
            for (JsonNode item : node) {
                copy.add(resolve(document, item, depth + 1));
            }
            return copy;
        }
        return node;
    }
}
