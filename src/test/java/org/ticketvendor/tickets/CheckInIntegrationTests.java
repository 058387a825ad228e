package org.ticketvendor.tickets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.ticketvendor.orders.SaleFixture;
import org.ticketvendor.support.ApiClient;
import org.ticketvendor.support.IntegrationTest;

@IntegrationTest
class CheckInIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    ApiClient api;
    SaleFixture sale;
    String buyer;
    String code;
    String ticketId;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        sale = SaleFixture.publishedEvent(api, 10, 1000, 4);
        buyer = api.newBuyerToken();
        sale.buy(api, buyer, 1);
        Response tickets = api.as(buyer).get("/api/v1/tickets");
        code = tickets.path("items[0].code");
        ticketId = tickets.path("items[0].id");
    }

    @Test
    void admitsATicketOnceAndSaysWhenASecondScanComes() {
        scan(sale.promoterToken(), code, "scan-1")
                .then()
                .statusCode(200)
                .body("result", equalTo("admitted"))
                .body("ticket_id", equalTo(ticketId));
        scan(sale.promoterToken(), code, "scan-2")
                .then()
                .statusCode(409)
                .body("code", equalTo("already_checked_in"))
                .body("checked_in_at", notNullValue());
        scan(sale.promoterToken(), code, "scan-1").then().statusCode(200).body("result", equalTo("admitted"));
        api.as(buyer).get("/api/v1/tickets/" + ticketId).then().body("status", equalTo("checked_in"));
    }

    @Test
    void ofManySimultaneousScansExactlyOneAdmits() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(10);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String nonce = "gate-" + i;
            results.add(pool.submit(() -> {
                start.await();
                return scan(sale.promoterToken(), code, nonce).statusCode();
            }));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> result : results) {
            statuses.add(result.get(30, TimeUnit.SECONDS));
        }
        pool.shutdown();
        assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(9);
    }

    @Test
    void refusesForgedMalformedAndForeignCodes() {
        scan(sale.promoterToken(), "hello world", null).then().statusCode(400).body("code", equalTo("invalid_code"));
        char[] chars = code.toCharArray();
        chars[10] = chars[10] == 'A' ? 'B' : 'A';
        scan(sale.promoterToken(), new String(chars), null)
                .then()
                .statusCode(400)
                .body("code", equalTo("invalid_code"));
        api.as(sale.promoterToken())
                .body("""
                        {"code": "%s", "event_id": "%s"}
                        """.formatted(code, UUID.randomUUID()))
                .post("/api/v1/checkin")
                .then()
                .statusCode(409)
                .body("code", equalTo("wrong_event"));
    }

    @Test
    void onlyTheEventsPromoterStaffAndAdminsMayScan() {
        SaleFixture other = SaleFixture.publishedEvent(api, 1, 100, 1);
        scan(other.promoterToken(), code, null).then().statusCode(403).body("code", equalTo("not_your_event"));
        scan(buyer, code, null).then().statusCode(403);

        String staffEmail = ApiClient.newEmail();
        String staffId = api.register(staffEmail, ApiClient.PASSWORD).path("user.id");
        api.as(api.adminToken())
                .body("""
                        {"role": "staff"}
                        """)
                .put("/api/v1/admin/users/" + staffId + "/role")
                .then()
                .statusCode(200);
        String staff = api.login(staffEmail, ApiClient.PASSWORD).path("access_token");
        // Staff scan only at the events they are assigned to.
        scan(staff, code, null).then().statusCode(403).body("code", equalTo("not_your_event"));
        String buyerEmail = ApiClient.newEmail();
        api.register(buyerEmail, ApiClient.PASSWORD).then().statusCode(201);
        String staffPath = "/api/v1/promoter/events/" + sale.eventId() + "/staff";
        String assign = """
                {"email": "%s"}
                """.formatted(staffEmail.toUpperCase(java.util.Locale.ROOT));
        api.as(other.promoterToken()).body(assign).post(staffPath).then().statusCode(404);
        api.as(sale.promoterToken())
                .body("""
                        {"email": "%s"}
                        """.formatted(buyerEmail))
                .post(staffPath)
                .then()
                .statusCode(422)
                .body("code", equalTo("not_staff"));
        api.as(sale.promoterToken())
                .body(assign)
                .post(staffPath)
                .then()
                .statusCode(201)
                .body("user_id", equalTo(staffId));
        api.as(sale.promoterToken()).body(assign).post(staffPath).then().statusCode(201);
        api.as(sale.promoterToken()).get(staffPath).then().statusCode(200).body("email", contains(staffEmail));
        api.as(staff).get(staffPath).then().statusCode(403);

        scan(staff, code, null).then().statusCode(200);

        api.as(sale.promoterToken()).delete(staffPath + "/" + staffId).then().statusCode(204);
        api.as(sale.promoterToken()).delete(staffPath + "/" + staffId).then().statusCode(404);
        assertThat(jdbc.sql(
                                "select action from audit_log where entity_id = :e and action like 'event.staff_%' order by id")
                        .param("e", sale.eventId().toString())
                        .query(String.class)
                        .list())
                .containsExactly("event.staff_assigned", "event.staff_removed");
    }

    @Test
    void refundedTicketsStopValidating() {
        jdbc.sql("update tickets set status = 'refunded' where id = :id")
                .param("id", UUID.fromString(ticketId))
                .update();
        scan(sale.promoterToken(), code, null).then().statusCode(409).body("code", equalTo("ticket_refunded"));
    }

    private Response scan(String token, String scanned, String nonce) {
        return api.as(token)
                .body(nonce == null ? """
                        {"code": "%s"}
                        """.formatted(scanned) : """
                        {"code": "%s", "nonce": "%s"}
                        """.formatted(scanned, nonce))
                .post("/api/v1/checkin");
    }
}
