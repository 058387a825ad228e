package org.ticketvendor.platform.web;

import java.util.List;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Explains why a request body could not be read: too large, not JSON at all, an unknown field, or
 * a value of the wrong type, naming the field so the client can fix it.
 */
final class BodyReadingErrors {

    private BodyReadingErrors() {}

    static HttpStatus status(HttpMessageNotReadableException ex) {
        return find(ex, BodyTooLargeException.class) != null ? HttpStatus.PAYLOAD_TOO_LARGE : HttpStatus.BAD_REQUEST;
    }

    static ProblemDetail problem(HttpMessageNotReadableException ex) {
        if (find(ex, BodyTooLargeException.class) != null) {
            return StatusCodes.problem(HttpStatus.PAYLOAD_TOO_LARGE, null);
        }
        UnrecognizedPropertyException unknown = find(ex, UnrecognizedPropertyException.class);
        if (unknown != null) {
            ProblemDetail problem = Problems.of(
                    HttpStatus.BAD_REQUEST,
                    "unknown_field",
                    "Unknown field",
                    "The field '" + path(unknown) + "' is not part of this request.");
            problem.setProperty(
                    "errors", List.of(java.util.Map.of("field", path(unknown), "message", "unknown field")));
            return problem;
        }
        MismatchedInputException mismatch = find(ex, MismatchedInputException.class);
        if (mismatch != null && !mismatch.getPath().isEmpty()) {
            String field = path(mismatch);
            String message;
            if (mismatch instanceof InvalidNullException) {
                message = "must not be null";
            } else if (mismatch instanceof InvalidFormatException format && format.getTargetType() != null) {
                message = "must be a valid " + typeName(format.getTargetType());
            } else if (mismatch.getTargetType() != null) {
                message = "must be a valid " + typeName(mismatch.getTargetType());
            } else {
                message = "has the wrong type";
            }
            return Problems.validation(List.of(new Problems.FieldError(field, message)));
        }
        JacksonException jackson = find(ex, JacksonException.class);
        String detail = jackson != null ? "The body is not valid JSON." : "The request body is missing or unreadable.";
        return Problems.of(HttpStatus.BAD_REQUEST, "malformed_body", "Malformed request body", detail);
    }

    private static String path(JacksonException ex) {
        return ex.getPath().stream()
                .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }

    private static String typeName(Class<?> type) {
        if (type.isEnum()) {
            return "one of "
                    + java.util.Arrays.stream(type.getEnumConstants())
                            .map(c -> c.toString().toLowerCase())
                            .collect(Collectors.joining(", "));
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "boolean";
        }
        return switch (type.getSimpleName()) {
            case "Instant", "OffsetDateTime", "ZonedDateTime" -> "ISO-8601 timestamp with offset";
            case "LocalDate" -> "ISO-8601 date";
            case "UUID" -> "UUID";
            case "String" -> "string";
            default -> type.getSimpleName().toLowerCase();
        };
    }

    private static <T extends Throwable> T find(Throwable ex, Class<T> type) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
