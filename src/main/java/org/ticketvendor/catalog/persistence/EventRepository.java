package org.ticketvendor.catalog.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.ticketvendor.catalog.Event;
import org.ticketvendor.catalog.EventDetails;
import org.ticketvendor.catalog.EventImage;
import org.ticketvendor.catalog.Venue;
import org.ticketvendor.catalog.domain.EventStatus;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The {@code events} table. Soft-deleted events are invisible here. */
@Repository
public class EventRepository {

    static final String COLUMNS = """
            e.id, e.promoter_id, e.slug, e.title, e.description, e.category, e.venue_name, e.venue_address,
            e.city, e.country, e.timezone, e.starts_at, e.ends_at, e.currency, e.image_url, e.metadata::text as metadata,
            e.status, e.published_at, e.suspended_at, e.suspension_reason, e.version, e.created_at, e.updated_at,
            e.image_key, e.image_content_type, e.image_size_bytes, e.image_sha256, e.image_width, e.image_height,
            e.image_uploaded_at""";

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;

    EventRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Inserts the event with this slug, or returns empty when the slug is taken. */
    public Optional<Event> insert(UUID promoterId, String slug, EventDetails details) {
        return jdbc.sql("""
                        insert into events as e (promoter_id, slug, title, description, category, venue_name,
                            venue_address, city, country, timezone, starts_at, ends_at, currency, image_url, metadata)
                        values (:promoterId, :slug, :title, :description, :category, :venueName, :venueAddress,
                            :city, :country, :timezone, :startsAt, :endsAt, :currency, :imageUrl, cast(:metadata as jsonb))
                        on conflict (slug) where deleted_at is null do nothing
                        returning %s
                        """.formatted(COLUMNS))
                .params(params(details))
                .param("promoterId", promoterId)
                .param("slug", slug)
                .query(this::map)
                .optional();
    }

    public Optional<Event> findById(UUID id) {
        return jdbc.sql("select %s from events e where e.id = :id and e.deleted_at is null".formatted(COLUMNS))
                .param("id", id)
                .query(this::map)
                .optional();
    }

    /** Locks the event's row until the transaction ends, for a change that must not race another. */
    public Optional<Event> findByIdForUpdate(UUID id) {
        return jdbc.sql("select %s from events e where e.id = :id and e.deleted_at is null for update"
                        .formatted(COLUMNS))
                .param("id", id)
                .query(this::map)
                .optional();
    }

    public Optional<Event> findBySlug(String slug) {
        return jdbc.sql("select %s from events e where e.slug = :slug and e.deleted_at is null".formatted(COLUMNS))
                .param("slug", slug)
                .query(this::map)
                .optional();
    }

    /** Replaces the details if the version still matches; empty when it does not (or the event is gone). */
    public Optional<Event> update(UUID id, long version, EventDetails details) {
        return jdbc.sql("""
                        update events e set title = :title, description = :description, category = :category,
                            venue_name = :venueName, venue_address = :venueAddress, city = :city, country = :country,
                            timezone = :timezone, starts_at = :startsAt, ends_at = :endsAt, currency = :currency,
                            image_url = :imageUrl, metadata = cast(:metadata as jsonb), version = e.version + 1
                        where e.id = :id and e.version = :version and e.deleted_at is null
                        returning %s
                        """.formatted(COLUMNS))
                .params(params(details))
                .param("id", id)
                .param("version", version)
                .query(this::map)
                .optional();
    }

    /** Moves the event to a status if the version still matches. */
    public Optional<Event> updateStatus(UUID id, long version, EventStatus status, Instant publishedAt) {
        return jdbc.sql("""
                        update events e set status = :status, published_at = coalesce(:publishedAt, e.published_at),
                            version = e.version + 1
                        where e.id = :id and e.version = :version and e.deleted_at is null
                        returning %s
                        """.formatted(COLUMNS))
                .param("status", status.value())
                .param("publishedAt", publishedAt == null ? null : Timestamp.from(publishedAt))
                .param("id", id)
                .param("version", version)
                .query(this::map)
                .optional();
    }

    /**
     * Suspends the event (a reason) or reinstates it (null), if the version still matches; the
     * status stays what it is.
     */
    public Optional<Event> updateSuspension(UUID id, long version, Instant suspendedAt, String reason) {
        return jdbc.sql("""
                        update events e set suspended_at = :suspendedAt, suspension_reason = :reason,
                            version = e.version + 1
                        where e.id = :id and e.version = :version and e.deleted_at is null
                        returning %s
                        """.formatted(COLUMNS))
                .param("suspendedAt", suspendedAt == null ? null : Timestamp.from(suspendedAt))
                .param("reason", reason)
                .param("id", id)
                .param("version", version)
                .query(this::map)
                .optional();
    }

    /**
     * Sets the event's image (null removes it) if the version still matches, as a new version of the event;
     * empty when the version does not match (or the event is gone).
     */
    public Optional<Event> updateImage(UUID id, long version, EventImage image) {
        return jdbc.sql("""
                        update events e set image_key = :key, image_content_type = :contentType,
                            image_size_bytes = :size, image_sha256 = :sha256, image_width = :width,
                            image_height = :height, image_uploaded_at = :uploadedAt, version = e.version + 1
                        where e.id = :id and e.version = :version and e.deleted_at is null
                        returning %s
                        """.formatted(COLUMNS))
                .param("key", image == null ? null : image.key())
                .param("contentType", image == null ? null : image.contentType())
                .param("size", image == null ? null : image.sizeBytes())
                .param("sha256", image == null ? null : image.sha256())
                .param("width", image == null ? null : image.width())
                .param("height", image == null ? null : image.height())
                .param("uploadedAt", image == null ? null : Timestamp.from(image.uploadedAt()))
                .param("id", id)
                .param("version", version)
                .query(this::map)
                .optional();
    }

    /** Soft-deletes the event if the version still matches; true when it did. */
    public boolean softDelete(UUID id, long version, Instant at) {
        return jdbc.sql("""
                        update events set deleted_at = :at, version = version + 1
                        where id = :id and version = :version and deleted_at is null
                        """)
                        .param("at", Timestamp.from(at))
                        .param("id", id)
                        .param("version", version)
                        .update()
                == 1;
    }

    /** The promoter's events in any status, newest start first. */
    public List<Event> findByPromoter(UUID promoterId, int limit, int offset) {
        return jdbc.sql("""
                        select %s from events e where e.promoter_id = :promoterId and e.deleted_at is null
                        order by e.starts_at desc, e.id limit :limit offset :offset
                        """.formatted(COLUMNS))
                .param("promoterId", promoterId)
                .param("limit", limit)
                .param("offset", offset)
                .query(this::map)
                .list();
    }

    public long countByPromoter(UUID promoterId) {
        return jdbc.sql("select count(*) from events where promoter_id = :promoterId and deleted_at is null")
                .param("promoterId", promoterId)
                .query(Long.class)
                .single();
    }

    private Map<String, Object> params(EventDetails d) {
        Venue venue = d.venue();
        java.util.HashMap<String, Object> params = new java.util.HashMap<>();
        params.put("title", d.title());
        params.put("description", d.description() == null ? "" : d.description());
        params.put("category", d.category());
        params.put("venueName", venue.name());
        params.put("venueAddress", venue.address());
        params.put("city", venue.city());
        params.put("country", venue.country());
        params.put("timezone", d.timezone());
        params.put("startsAt", Timestamp.from(d.startsAt()));
        params.put("endsAt", d.endsAt() == null ? null : Timestamp.from(d.endsAt()));
        params.put("currency", d.currency());
        params.put("imageUrl", d.imageUrl());
        params.put("metadata", json.writeValueAsString(d.metadata() == null ? Map.of() : d.metadata()));
        return params;
    }

    Event map(ResultSet rs, int row) throws SQLException {
        EventDetails details = new EventDetails(
                rs.getString("title"),
                rs.getString("description"),
                rs.getString("category"),
                new Venue(
                        rs.getString("venue_name"),
                        rs.getString("venue_address"),
                        rs.getString("city"),
                        rs.getString("country")),
                rs.getString("timezone"),
                instant(rs, "starts_at"),
                instant(rs, "ends_at"),
                rs.getString("currency"),
                rs.getString("image_url"),
                json.readValue(rs.getString("metadata"), MAP));
        return new Event(
                rs.getObject("id", UUID.class),
                rs.getObject("promoter_id", UUID.class),
                rs.getString("slug"),
                details,
                EventStatus.of(rs.getString("status")),
                instant(rs, "published_at"),
                instant(rs, "suspended_at"),
                rs.getString("suspension_reason"),
                rs.getLong("version"),
                instant(rs, "created_at"),
                instant(rs, "updated_at"),
                image(rs));
    }

    private static EventImage image(ResultSet rs) throws SQLException {
        String key = rs.getString("image_key");
        return key == null
                ? null
                : new EventImage(
                        key,
                        rs.getString("image_content_type"),
                        rs.getInt("image_size_bytes"),
                        rs.getString("image_sha256"),
                        rs.getInt("image_width"),
                        rs.getInt("image_height"),
                        instant(rs, "image_uploaded_at"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
