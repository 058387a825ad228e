package org.ticketvendor.notifications;

import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.ticketvendor.support.ApiClient;

/** Test helpers around the outbox table and the purchase API. */
final class Outbox {

    private Outbox() {}

    /** One outbox row as the tests read it. */
    record Row(
            UUID id,
            String recipient,
            String template,
            String subject,
            String status,
            int attempts,
            String lastError,
            String provider,
            String providerMessageId,
            String reference,
            String bodyText,
            String bodyHtml,
            String templateModel,
            String qrCodes,
            boolean due) {}

    /**
     * Moves every waiting row of other tests far into the future, so a dispatcher run in this test
     * only sends this test's mails (all integration tests share one database).
     */
    static void parkOthers(JdbcClient jdbc) {
        jdbc.sql(
                        "update email_notifications set next_attempt_at = now() + interval '100 years' where status = 'pending'")
                .update();
    }

    /** Makes the row due now, as if its backoff had passed. */
    static void makeDue(JdbcClient jdbc, UUID id) {
        jdbc.sql("update email_notifications set next_attempt_at = now() - interval '1 second' where id = :id")
                .param("id", id)
                .update();
    }

    static List<Row> of(JdbcClient jdbc, String recipient) {
        return jdbc.sql("""
                        select id, recipient, template, subject, status, attempts, last_error, provider,
                            provider_message_id, reference, body_text, body_html, template_model::text as template_model,
                            qr_codes::text as qr_codes, next_attempt_at <= now() as due
                        from email_notifications where recipient = cast(:recipient as citext) order by created_at, id
                        """).param("recipient", recipient).query(Row.class).list();
    }

    static Row one(JdbcClient jdbc, UUID id) {
        return jdbc.sql("""
                        select id, recipient, template, subject, status, attempts, last_error, provider,
                            provider_message_id, reference, body_text, body_html, template_model::text as template_model,
                            qr_codes::text as qr_codes, next_attempt_at <= now() as due
                        from email_notifications where id = :id
                        """).param("id", id).query(Row.class).single();
    }

    /** A buyer with a known e-mail address: [email, access token]. */
    static String[] newBuyer(ApiClient api) {
        String email = ApiClient.newEmail();
        String token = api.register(email, ApiClient.PASSWORD)
                .then()
                .statusCode(201)
                .extract()
                .path("tokens.access_token");
        return new String[] {email, token};
    }

    /** Places an order without paying it; returns the whole response. */
    static Response place(ApiClient api, String buyer, UUID tierId, int quantity) {
        Response placed = api.as(buyer)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body("""
                        {"items": [{"tier_id": "%s", "quantity": %d}]}
                        """.formatted(tierId, quantity))
                .post("/api/v1/orders");
        placed.then().statusCode(201);
        return placed;
    }

    static Map<String, Object> simpleModel(String title) {
        return Map.of("name", "Test", "event", Map.of("title", title, "starts", "soon"), "order", Map.of());
    }
}
