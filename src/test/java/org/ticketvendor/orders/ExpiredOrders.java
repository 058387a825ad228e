package org.ticketvendor.orders;

import java.util.UUID;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** For tests of other modules: lets an order's time to pay run out, then runs the expiry job. */
public final class ExpiredOrders {

    private ExpiredOrders() {}

    public static void expire(ApplicationContext context, JdbcClient jdbc, UUID orderId) {
        jdbc.sql("update orders set expires_at = now() - interval '1 second' where id = :id")
                .param("id", orderId)
                .update();
        context.getBean(OrderExpiry.class).expireDue();
    }
}
