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
import org.ticketvendor.notifications.NotificationStatus;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The {@code email_notifications} outbox. */
@Repository
public class EmailNotificationRepository {

    private static final String SUMMARY = """
            id, recipient, template, subject, status, attempts, next_attempt_at, last_error, sent_at, provider,
            provider_message_id, dedupe_key, reference, created_at""";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    EmailNotificationRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** A rendered mail to store. */
    public record NewNotification(
            String recipient,
            String template,
            String subject,
            String bodyText,
            String bodyHtml,
            String dedupeKey,
            String reference,
            List<InlineImage> images) {}

    /** A row claimed for sending, with what sending needs. */
    public record Claimed(
            UUID id,
            String recipient,
            String subject,
            String bodyText,
            String bodyHtml,
            int attempts,
            List<InlineImage> images) {}

    public boolean exists(String dedupeKey) {
        return jdbc.sql("select exists (select 1 from email_notifications where dedupe_key = :key)")
                .param("key", dedupeKey)
                .query(Boolean.class)
                .single();
    }

    /** Stores a pending mail; false when its dedupe key is taken (nothing is written then). */
    public boolean insert(NewNotification mail, Instant now) {
        return jdbc.sql("""
                        insert into email_notifications (recipient, template, subject, body_text, body_html, dedupe_key,
                            reference, inline_images, next_attempt_at)
                        values (:recipient, :template, :subject, :text, :html, :key, :reference, cast(:images as jsonb),
                            :now)
                        on conflict (dedupe_key) do nothing
                        """)
                        .param("recipient", mail.recipient())
                        .param("template", mail.template())
                        .param("subject", mail.subject())
                        .param("text", mail.bodyText())
                        .param("html", mail.bodyHtml())
                        .param("key", mail.dedupeKey())
                        .param("reference", mail.reference())
                        .param("images", imagesJson(mail.images()))
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
                        returning id, recipient, subject, body_text, body_html, attempts, inline_images
                        """)
                .param("now", Timestamp.from(now))
                .param("lease", Timestamp.from(leaseUntil))
                .param("token", token)
                .param("limit", limit)
                .query((rs, row) -> new Claimed(
                        rs.getObject("id", UUID.class),
                        rs.getString("recipient"),
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

    /** Records a delivery ({@code sent}) or a recording ({@code recorded}) by the claim's holder. */
    public boolean markDelivered(
            UUID id, UUID token, NotificationStatus status, String provider, String messageId, Instant at) {
        return jdbc.sql("""
                        update email_notifications set status = :status, sent_at = :at, provider = :provider,
                            provider_message_id = :messageId, last_error = null, claimed_until = null
                        where id = :id and claim_token = :token and status = 'sending'
                        """)
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

    /** One row with its bodies and image descriptions. */
    public Optional<EmailNotification> find(UUID id) {
        return jdbc.sql("select %s, body_text, body_html, inline_images from email_notifications where id = :id"
                        .formatted(SUMMARY))
                .param("id", id)
                .query((rs, row) -> map(rs, true))
                .optional();
    }

    /** Rows newest first, filtered by whichever of recipient, status and template are not null. */
    public List<EmailNotification> search(String recipient, String status, String template, int limit, int offset) {
        Map<String, Object> params = new LinkedHashMap<>();
        String where = where(recipient, status, template, params);
        params.put("limit", limit);
        params.put("offset", offset);
        return jdbc.sql("select %s from email_notifications %s order by created_at desc, id limit :limit offset :offset"
                        .formatted(SUMMARY, where))
                .params(params)
                .query((rs, row) -> map(rs, false))
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

    private String imagesJson(List<InlineImage> images) {
        List<Map<String, String>> list = images.stream()
                .map(i -> Map.of(
                        "content_id", i.contentId(),
                        "filename", i.filename(),
                        "content_type", i.contentType(),
                        "data", Base64.getEncoder().encodeToString(i.bytes())))
                .toList();
        return json.writeValueAsString(list);
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
