package org.ticketvendor.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.ticketvendor.support.ApiClient;
import org.ticketvendor.support.IntegrationTest;

/** The refresh job: one instance at a time, not again within half its interval, never blocking readers. */
@IntegrationTest
class AnalyticsRefreshIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    ApplicationContext context;

    @Autowired
    AnalyticsRefresh refresh;

    ApiClient api;
    AnalyticsScenario scenario;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        scenario = AnalyticsScenario.get(api, jdbc, context);
    }

    @Test
    void theJobRefreshesAfterAChangeOrWhenTheViewsGetOldAndNotWithinHalfTheInterval() {
        String promoter = AnalyticsScenario.newPromoter(api)[0];
        UUID event = AnalyticsScenario.newEvent(api, promoter, "EUR", "UTC");
        UUID tier = AnalyticsScenario.newTier(api, promoter, event, "Floor", 500, 10);
        AnalyticsScenario.publish(api, promoter, event);

        assertThat(refresh.refresh()).isPresent();
        assertThat(refresh.refreshIfDue()).as("within half the interval").isEmpty();
        age(Duration.ofSeconds(31));
        assertThat(refresh.refreshIfDue()).as("nothing changed").isEmpty();

        AnalyticsScenario.hold(api, api.newBuyerToken(), tier, 1).then().statusCode(201);
        assertThat(refresh.refreshIfDue()).as("an order was placed").isPresent();
        AnalyticsScenario.hold(api, api.newBuyerToken(), tier, 1).then().statusCode(201);
        assertThat(refresh.refreshIfDue())
                .as("within half the interval, changed or not")
                .isEmpty();
        age(Duration.ofSeconds(31));
        assertThat(refresh.refreshIfDue())
                .as("changed within the last interval")
                .isPresent();
        age(Duration.ofSeconds(31));
        assertThat(refresh.refreshIfDue()).as("nothing changed since").isEmpty();

        age(Duration.ofMinutes(10));
        assertThat(refresh.refreshIfDue()).as("ten intervals old").isPresent();
        assertThat(jdbc.sql("select duration_ms from analytics_refreshes")
                        .query(Long.class)
                        .single())
                .isNotNegative();
        assertThat(refresh.refresh()).as("forced").isPresent();
    }

    /** Makes the last refresh look that much older. */
    private void age(Duration by) {
        jdbc.sql("update analytics_refreshes set refreshed_at = refreshed_at - cast(:by as interval)")
                .param("by", by.toSeconds() + " seconds")
                .update();
    }

    @Test
    void anInstanceLeavesTheRefreshToAnotherThatIsRefreshing() throws Exception {
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            try (Statement s = other.createStatement()) {
                s.execute("select * from analytics_refreshes where name = 'sales' for update");
            }
            assertThat(refresh.refresh()).isEmpty();
            other.rollback();
        }
        assertThat(refresh.refresh()).isPresent();
    }

    @Test
    void reportsAreAnsweredWhileTheViewsRefreshConcurrentlyButWouldWaitForAPlainRefresh() throws Exception {
        refresh.refresh();
        assertThat(reportWhile("refresh materialized view concurrently analytics_tier_sales"))
                .as("answered during a concurrent refresh")
                .isEqualTo(200);
        // The negative control: a plain refresh locks readers out until it commits.
        assertThat(reportWhile("refresh materialized view analytics_tier_sales"))
                .as("blocked by a plain refresh")
                .isEqualTo(-1);
    }

    /** Status of a report requested while another transaction has run {@code sql} and not committed; -1 if it waited. */
    private int reportWhile(String sql) throws Exception {
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            try (Statement s = other.createStatement()) {
                s.execute(sql);
            }
            HttpRequest request = HttpRequest.newBuilder(URI.create(
                            "http://localhost:" + port + "/api/v1/promoter/events/" + scenario.eventId + "/analytics"))
                    .header("Authorization", "Bearer " + scenario.promoter)
                    .build();
            CompletableFuture<HttpResponse<String>> response =
                    HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofString());
            int status;
            try {
                status = response.get(Duration.ofSeconds(3).toMillis(), TimeUnit.MILLISECONDS)
                        .statusCode();
            } catch (TimeoutException waited) {
                status = -1;
            }
            other.rollback();
            assertThat(response.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            return status;
        }
    }
}
