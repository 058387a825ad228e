package org.ticketvendor.catalog;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.ticketvendor.support.TestStorage;

/** Event image requests for tests, and what the local object storage holds for an event. */
final class ImageApi {

    private final int port;

    ImageApi(int port) {
        this.port = port;
    }

    Response upload(String token, String eventId, byte[] body, String contentType) {
        RequestSpecification request = given().port(port)
                .contentType(contentType)
                .accept("application/json, application/problem+json")
                .body(body);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request.put("/api/v1/promoter/events/" + eventId + "/image");
    }

    Response remove(String token, String eventId) {
        return given().port(port)
                .accept("application/json, application/problem+json")
                .header("Authorization", "Bearer " + token)
                .delete("/api/v1/promoter/events/" + eventId + "/image");
    }

    /** GET the image, as {@code token} (null = anonymous). */
    RequestSpecification reader(String token) {
        RequestSpecification request = given().port(port).accept("image/*, application/problem+json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    Response get(String token, String idOrSlug) {
        return reader(token).get("/api/v1/events/" + idOrSlug + "/image");
    }

    /** The files the local storage keeps for the event. */
    static List<Path> storedFiles(String eventId) {
        Path dir = TestStorage.directory().resolve("events").resolve(eventId);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
