package org.ticketvendor.orders;

import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Who bought tickets for an event, for modules that must reach them (e.g. when it is cancelled). */
@Service
public class EventBuyers {

    private final JdbcClient jdbc;

    EventBuyers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Users with at least one paid (or partially refunded) order for the event, each once. */
    @Transactional(readOnly = true)
    public List<UUID> withPaidOrders(UUID eventId) {
        return jdbc.sql("""
                        select distinct user_id from orders
                        where event_id = :eventId and status in ('paid', 'partially_refunded')
                        order by user_id
                        """).param("eventId", eventId).query(UUID.class).list();
    }
}
