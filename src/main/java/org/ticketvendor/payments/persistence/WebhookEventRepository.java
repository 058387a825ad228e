package org.ticketvendor.payments.persistence;

import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code payment_webhook_events} table: provider events already processed. Its primary key
 * makes a replayed event a no-op when the insert shares the transaction of the event's effect.
 */
@Repository
public class WebhookEventRepository {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    WebhookEventRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Records the event unless it was seen before. A concurrent insert of the same event waits for
     * the first transaction and then reports a duplicate (or, if that one rolled back, inserts).
     *
     * @return true when this is the first time
     */
    public boolean insertIfAbsent(String provider, String eventId, String type, Map<String, Object> payload) {
        return jdbc.sql("""
                                insert into payment_webhook_events (provider, event_id, type, payload)
                                values (:provider, :eventId, :type, cast(:payload as jsonb))
                                on conflict do nothing
                                """)
                        .param("provider", provider)
                        .param("eventId", eventId)
                        .param("type", type)
                        .param("payload", json.writeValueAsString(payload))
                        .update()
                == 1;
    }
}
