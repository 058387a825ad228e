package org.ticketvendor.security;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One request of the matrix, apart from its endpoint and caller: the path variables, the body (JSON, or
 * bytes of another content type), extra headers and the media types accepted.
 */
record Call(
        Map<String, Object> pathVariables,
        String body,
        Map<String, String> headers,
        String accept,
        byte[] binary,
        String contentType) {

    static final String JSON = "application/json, application/problem+json";

    /** A call with these path variables, given as name, value, name, value... */
    static Call with(Object... nameValuePairs) {
        Map<String, Object> variables = new LinkedHashMap<>();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            variables.put((String) nameValuePairs[i], nameValuePairs[i + 1]);
        }
        return new Call(variables, null, Map.of(), JSON, null, "application/json");
    }

    Call body(String json) {
        return new Call(pathVariables, json, headers, accept, null, "application/json");
    }

    /** A binary body of this content type instead of JSON. */
    Call binary(byte[] bytes, String type) {
        return new Call(pathVariables, null, headers, accept, bytes, type);
    }

    Call header(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Call(pathVariables, body, more, accept, binary, contentType);
    }

    Call accept(String mediaTypes) {
        return new Call(pathVariables, body, headers, mediaTypes, binary, contentType);
    }
}
