package org.ticketvendor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.ticketvendor.support.IntegrationTest;

/**
 * The admin's queries have indexes that serve them. The test tables are small, so the planner would
 * rather scan them whole: sequential (and, for the audit log, bitmap) scans are priced out to see
 * which index the planner can use. An audit query must read its index in the requested order (no Sort
 * node): that is what lets a page stop after {@code limit} rows however large the log is.
 */
@IntegrationTest
class AdminQueryPlanIntegrationTests {

    private static final String AUDIT_PAGE = """
            select id from audit_log where %s and (occurred_at, id) < (now(), 9223372036854775807)
            order by occurred_at desc, id desc limit 51
            """;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void everyAuditFilterReadsItsOwnIndexInOrder() {
        // With statistics, as autovacuum leaves them (and as the whole suite runs).
        jdbc.sql("analyze audit_log").update();
        String id = UUID.randomUUID().toString();
        assertThat(auditPlan("true"))
                .contains("Index Only Scan Backward using audit_log_occurred_at_idx")
                .doesNotContain("Sort");
        assertThat(auditPlan("actor_user_id = '" + id + "'"))
                .contains("using audit_log_actor_idx")
                .contains("Index Cond: ((actor_user_id = ")
                .doesNotContain("Sort");
        assertThat(auditPlan("entity_id = '" + id + "'"))
                .contains("using audit_log_entity_id_idx")
                .contains("Index Cond: ((entity_id = ")
                .doesNotContain("Sort");
        // Values no row has: for a value most rows have, reading the newest rows and filtering them
        // is as good, and the planner rightly prefers it once the log has statistics.
        assertThat(auditPlan("entity_type = 'plan_probe'"))
                .contains("using audit_log_entity_type_idx")
                .contains("Index Cond: ((entity_type = ")
                .doesNotContain("Sort");
        assertThat(auditPlan("action = 'plan.probed'"))
                .contains("using audit_log_action_idx")
                .contains("Index Cond: ((action = ")
                .doesNotContain("Sort");
        assertThat(auditPlan("occurred_at >= now() - interval '1 day' and occurred_at < now()"))
                .contains("using audit_log_occurred_at_idx")
                .contains("Index Cond: ((occurred_at >= ")
                .doesNotContain("Sort");
        // Both filters: either index serves, in order.
        assertThat(auditPlan("entity_type = 'plan_probe' and entity_id = '" + id + "'"))
                .containsPattern("using audit_log_entity_(id|type)_idx")
                .doesNotContain("Sort");
        // Negative control: a column without an index is only filtered, never an index condition.
        assertThat(auditPlan("request_id = 'r-1'"))
                .contains("Filter: (request_id = ")
                .doesNotContain("Index Cond: ((request_id");
    }

    @Test
    void userSearchUsesTheTrigramIndexesForAnyPartOfEmailOrName() {
        // Here the planner decides unforced, on statistics of 10,000 accounts that are rolled back after.
        String plan = transactions.execute(status -> {
            jdbc.sql("""
                            insert into users (email, password_hash, full_name)
                            select 'probe-' || n || '-' || md5(n::text) || '@example.test', 'x', 'Probe Person ' || n
                            from generate_series(1, 10000) n
                            """).update();
            // What autovacuum does: fresh index entries move from GIN's pending list into the index.
            jdbc.sql(
                            "select gin_clean_pending_list('users_email_trgm_idx'), gin_clean_pending_list('users_full_name_trgm_idx')")
                    .query()
                    .singleRow();
            jdbc.sql("analyze users").update();
            String found = explain("""
                    select id from users
                    where deleted_at is null and (email::text ilike '%ada.lov%' or full_name ilike '%ada.lov%')
                    order by created_at desc, id desc limit 20
                    """);
            status.setRollbackOnly();
            return found;
        });
        assertThat(plan)
                .contains("Bitmap Index Scan on users_email_trgm_idx")
                .contains("Bitmap Index Scan on users_full_name_trgm_idx")
                .doesNotContain("Seq Scan");
        String list = plan(
                List.of("set local enable_seqscan = off", "set local enable_bitmapscan = off"),
                "select id from users where deleted_at is null order by created_at desc, id desc limit 20");
        assertThat(list).contains("using users_created_at_idx").doesNotContain("Sort");
    }

    private String auditPlan(String condition) {
        return plan(
                List.of("set local enable_seqscan = off", "set local enable_bitmapscan = off"),
                AUDIT_PAGE.formatted(condition));
    }

    private String plan(List<String> settings, String query) {
        return transactions.execute(status -> {
            settings.forEach(setting -> jdbc.sql(setting).update());
            return explain(query);
        });
    }

    private String explain(String query) {
        return String.join(
                "\n", jdbc.sql("explain " + query).query(String.class).list());
    }
}
