package org.ticketvendor.notifications.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.ticketvendor.notifications.EmailNotification;
import org.ticketvendor.notifications.InlineImage;
import org.ticketvendor.notifications.InlineQrCode;
import org.ticketvendor.notifications.NotificationStatus;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code email_notifications} outbox. A row holds its template's id, the model (JSON) and its QR
 * codes' contents until it is sent, and the rendered subject and bodies once it was; rows enqueued
 * before V26 hold their rendering (and drawn images) from the start and no model.
 */
@Repository
public class EmailNotificationRepository {

    private static final TypeReference<Map<String, Object>> MODEL = new TypeReference<>() {};

    private static final String SUMMARY = """
            id, recipient, template, subject, status, attempts, next_attempt_at, last_error, sent_at, provider,
            provider_message_id, dedupe_key, reference, created_at""";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    EmailNotificationRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** A mail to store, to be rendered when it is sent. */
    public record NewNotification(
            String recipient,
            String template,
            Map<String, Object> model,
            String dedupeKey,
            String reference,
            List<InlineQrCode> qrCodes) {}

    /**
     * A row claimed for sending, with what sending needs: a model to render (and QR codes to draw),
     * or, for a row enqueued before V26, its stored rendering and images ({@code model} null).
     */
    public record Claimed(
            UUID id,
            String recipient,
            String template,
            Map<String, Object> model,
            List<InlineQrCode> qrCodes,
            String subject,
            String bodyText,
            String bodyHtml,
            int attempts,
            List<InlineImage> images) {}

    /**
     * A row for the admin view, with the model and QR codes of a mail to render on demand; {@code
     * model} is null for rows enqueued before V26, and in listings for rows that have a subject.
     */
    public record Found(EmailNotification notification, Map<String, Object> model, List<InlineQrCode> qrCodes) {}

    public boolean exists(String dedupeKey) {
        return jdbc.sql("select exists (select 1 from email_notifications where dedupe_key = :key)")
                .param("key", dedupeKey)
                .query(Boolean.class)
                .single();
    }

    /**
     * Stores a pending mail, unrendered; false when its dedupe key is taken (nothing is written then).
     */
    public boolean insert(NewNotification mail, Instant now) {
        return jdbc.sql("""
                        insert into email_notifications (recipient, template, template_model, qr_codes, dedupe_key,
                            reference, next_attempt_at)
                        values (:recipient, :template, cast(:model as jsonb), cast(:qrCodes as jsonb), :key, :reference,
                            :now)
                        on conflict (dedupe_key) do nothing
                        """)
                        .param("recipient", mail.recipient())
                        .param("template", mail.template())
                        .param("model", json.writeValueAsString(mail.model()))
                        .param("qrCodes", qrCodesJson(mail.qrCodes()))
                        .param("key", mail.dedupeKey())
                        .param("reference", mail.reference())
                        .param("now", Timestamp.from(now))
                        .update()
                == 1;
    }

    /**
     * Claims due rows for this worker: pending rows whose time has come, and rows left in {@code
     * sending} by a worker whose lease ran out (it died, or is too slow to trust). Each claim counts
     * as an attempt. Rows locked by another worker's claim are skipped, never waited for.
     */
    public List<Claimed> claim(Instant now, Instant leaseUntil, UUID token, int limit) {
        return jdbc.sql("""
                        update email_notifications set status = 'sending', attempts = attempts + 1,
                            claimed_until = :lease, claim_token = :token
                        where id in (
                            select id from email_notifications
                            where (status = 'pending' and next_attempt_at <= :now)
                               or (status = 'sending' and claimed_until <= :now)
                            order by next_attempt_at, id limit :limit for update skip locked)
                        returning id, recipient, template, template_model, qr_codes, subject, body_text, body_html,
                            attempts, inline_images
                        """)
                .param("now", Timestamp.from(now))
                .param("lease", Timestamp.from(leaseUntil))
                .param("token", token)
                .param("limit", limit)
                .query((rs, row) -> new Claimed(
                        rs.getObject("id", UUID.class),
                        rs.getString("recipient"),
                        rs.getString("template"),
                        model(rs.getString("template_model")),
                        qrCodes(rs.getString("qr_codes")),
                        rs.getString("subject"),
                        rs.getString("body_text"),
                        rs.getString("body_html"),
                        rs.getInt("attempts"),
                        images(rs.getString("inline_images"))))
                .list();
    }

    /**
     * Extends this worker's lease on a row just before sending it; false when the lease has run out
     * (another worker may own the row now, so this one must not send it).
     */
    public boolean renew(UUID id, UUID token, Instant now, Instant leaseUntil) {
        return jdbc.sql("""
                        update email_notifications set claimed_until = :lease
                        where id = :id and claim_token = :token and status = 'sending' and claimed_until > :now
                        """)
                        .param("id", id)
                        .param("token", token)
                        .param("now", Timestamp.from(now))
                        .param("lease", Timestamp.from(leaseUntil))
                        .update()
                == 1;
    }

    /** What was sent, kept for the admin view. */
    public record Sent(String subject, String bodyText, String bodyHtml) {}

    /**
     * Records a delivery ({@code sent}) or a recording ({@code recorded}) by the claim's holder, with
     * the subject and bodies that went out (the images are not kept: they are drawn from the row's QR
     * codes again when needed).
     */
    public boolean markDelivered(
            UUID id, UUID token, NotificationStatus status, String provider, String messageId, Instant at, Sent sent) {
        return jdbc.sql("""
                        update email_notifications set status = :status, sent_at = :at, provider = :provider,
                            provider_message_id = :messageId, last_error = null, claimed_until = null,
                            subject = :subject, body_text = :text, body_html = :html
                        where id = :id and claim_token = :token and status = 'sending'
                        """)
                        .param("subject", sent.subject())
                        .param("text", sent.bodyText())
                        .param("html", sent.bodyHtml())
                        .param("status", status.value())
                        .param("at", Timestamp.from(at))
                        .param("provider", provider)
                        .param("messageId", messageId)
                        .param("id", id)
                        .param("token", token)
                        .update()
                == 1;
    }

    /** Puts the row back to wait for its next attempt. */
    public boolean markRetry(UUID id, UUID token, String provider, Instant next, String error) {
        return jdbc.sql("""
                        update email_notifications set status = 'pending', next_attempt_at = :next, last_error = :error,
                            provider = :provider, claimed_until = null
                        where id = :id and claim_token = :token and status = 'sending'
                        """)
                        .param("next", Timestamp.from(next))
                        .param("error", truncate(error))
                        .param("provider", provider)
                        .param("id", id)
                        .param("token", token)
                        .update()
                == 1;
    }

    /** Gives up on the row. */
    public boolean markFailed(UUID id, UUID token, String provider, String error) {
        return jdbc.sql("""
                        update email_notifications set status = 'failed', last_error = :error, provider = :provider,
                            claimed_until = null
                        where id = :id and claim_token = :token and status = 'sending'
                        """)
                        .param("error", truncate(error))
                        .param("provider", provider)
                        .param("id", id)
                        .param("token", token)
                        .update()
                == 1;
    }

    /** One row with its stored bodies and image descriptions, its model and its QR codes. */
    public Optional<Found> find(UUID id) {
        return jdbc.sql("""
                        select %s, body_text, body_html, inline_images, template_model, qr_codes
                        from email_notifications where id = :id""".formatted(SUMMARY))
                .param("id", id)
                .query((rs, row) -> new Found(
                        map(rs, true), model(rs.getString("template_model")), qrCodes(rs.getString("qr_codes"))))
                .optional();
    }

    /**
     * Rows newest first, filtered by whichever of recipient, status and template are not null; the
     * model comes with the rows that have no subject yet (no QR codes: listings show no images).
     */
    public List<Found> search(String recipient, String status, String template, int limit, int offset) {
        Map<String, Object> params = new LinkedHashMap<>();
        String where = where(recipient, status, template, params);
        params.put("limit", limit);
        params.put("offset", offset);
        return jdbc.sql("""
                        select %s, case when subject is null then template_model end as template_model
                        from email_notifications %s order by created_at desc, id limit :limit offset :offset""".formatted(SUMMARY, where))
                .params(params)
                .query((rs, row) -> new Found(map(rs, false), model(rs.getString("template_model")), List.of()))
                .list();
    }

    public long count(String recipient, String status, String template) {
        Map<String, Object> params = new LinkedHashMap<>();
        String where = where(recipient, status, template, params);
        return jdbc.sql("select count(*) from email_notifications " + where)
                .params(params)
                .query(Long.class)
                .single();
    }

    private static String where(String recipient, String status, String template, Map<String, Object> params) {
        List<String> conditions = new ArrayList<>();
        if (recipient != null) {
            conditions.add("recipient = cast(:recipient as citext)");
            params.put("recipient", recipient);
        }
        if (status != null) {
            conditions.add("status = :status");
            params.put("status", status);
        }
        if (template != null) {
            conditions.add("template = :template");
            params.put("template", template);
        }
        return conditions.isEmpty() ? "" : "where " + String.join(" and ", conditions);
    }

    private EmailNotification map(ResultSet rs, boolean full) throws SQLException {
        List<EmailNotification.Image> images = full
                ? images(rs.getString("inline_images")).stream()
                        .map(i -> new EmailNotification.Image(i.contentId(), i.contentType(), i.bytes().length))
                        .toList()
                : null;
        return new EmailNotification(
                rs.getObject("id", UUID.class),
                rs.getString("recipient"),
                rs.getString("template"),
                rs.getString("subject"),
                NotificationStatus.of(rs.getString("status")).orElseThrow(),
                rs.getInt("attempts"),
                instant(rs, "next_attempt_at"),
                rs.getString("last_error"),
                instant(rs, "sent_at"),
                rs.getString("provider"),
                rs.getString("provider_message_id"),
                rs.getString("dedupe_key"),
                rs.getString("reference"),
                instant(rs, "created_at"),
                full ? rs.getString("body_text") : null,
                full ? rs.getString("body_html") : null,
                images);
    }

    private String qrCodesJson(List<InlineQrCode> qrCodes) {
        List<Map<String, String>> list = qrCodes.stream()
                .map(q -> Map.of("content_id", q.contentId(), "content", q.content()))
                .toList();
        return json.writeValueAsString(list);
    }

    private List<InlineQrCode> qrCodes(String stored) {
        List<InlineQrCode> qrCodes = new ArrayList<>();
        for (JsonNode node : json.readTree(stored)) {
            qrCodes.add(new InlineQrCode(
                    node.get("content_id").asString(), node.get("content").asString()));
        }
        return qrCodes;
    }

    private Map<String, Object> model(String stored) {
        return stored == null ? null : json.readValue(stored, MODEL);
    }

    private List<InlineImage> images(String stored) {
        List<InlineImage> images = new ArrayList<>();
        for (JsonNode node : json.readTree(stored)) {
            images.add(new InlineImage(
                    node.get("content_id").asString(),
                    node.get("filename").asString(),
                    node.get("content_type").asString(),
                    Base64.getDecoder().decode(node.get("data").asString())));
        }
        return images;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static String truncate(String error) {
        if (error == null) {
            return null;
        }
        return error.length() <= 1000 ? error : error.substring(0, 1000);
    }
}
