package org.ticketvendor;

import static org.hamcrest.Matchers.equalTo;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.ticketvendor.orders.SaleFixture;
import org.ticketvendor.support.ApiClient;
import org.ticketvendor.support.IntegrationTest;
import org.ticketvendor.support.TestAccounts;
import org.ticketvendor.support.TestAccounts.Session;

/**
 * Function-level authorisation: every admin endpoint refuses buyers, promoters and door staff with a
 * 403 problem (and anonymous callers with a 401), and changes nothing for them.
 */
@IntegrationTest
class AdminAccessIntegrationTests {

    @LocalServerPort
    int port;

    ApiClient api;
    Session victim;
    SaleFixture sale;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        victim = TestAccounts.withRole(api, "buyer");
        sale = SaleFixture.publishedEvent(api, 5, 1000, 2);
    }

    /** One admin call: how to send it. */
    record Call(String name, Function<RequestSpecification, Response> send) {}

    private List<Call> adminCalls() {
        String user = "/api/v1/admin/users/" + victim.id();
        String event = "/api/v1/admin/events/" + sale.eventId();
        return List.of(
                new Call("list users", r -> r.get("/api/v1/admin/users?q=a")),
                new Call("get user", r -> r.get(user)),
                new Call("change role", r -> r.body("""
                                {"role": "admin"}
                                """).put(user + "/role")),
                new Call("suspend user", r -> r.body("""
                                {"reason": "x"}
                                """).post(user + "/suspend")),
                new Call("reactivate user", r -> r.post(user + "/reactivate")),
                new Call("suspend event", r -> r.body("""
                                {"reason": "x"}
                                """).post(event + "/suspend")),
                new Call("reinstate event", r -> r.post(event + "/reinstate")),
                new Call("audit log", r -> r.get("/api/v1/admin/audit")),
                new Call("notifications", r -> r.get("/api/v1/admin/notifications")),
                new Call("one notification", r -> r.get("/api/v1/admin/notifications/" + UUID.randomUUID())));
    }

    @Test
    void buyersPromotersAndStaffGet403OnEveryAdminEndpoint() {
        List<String> tokens = List.of(
                api.newBuyerToken(),
                sale.promoterToken(),
                TestAccounts.withRole(api, "staff").accessToken());
        for (String token : tokens) {
            for (Call call : adminCalls()) {
                call.send()
                        .apply(api.as(token))
                        .then()
                        .statusCode(403)
                        .contentType("application/problem+json")
                        .body("code", equalTo("forbidden"));
            }
        }
        // Nothing changed: the victim is still an active buyer and the event still public.
        api.as(victim.accessToken())
                .get("/api/v1/users/me")
                .then()
                .statusCode(200)
                .body("role", equalTo("buyer"))
                .body("status", equalTo("active"));
        api.anonymous().get("/api/v1/events/" + sale.eventId()).then().statusCode(200);
    }

    @Test
    void nonAdminsLearnNothingFromBadInputToAdminEndpoints() {
        // Refused before the body or the parameters are looked at: no validation errors to learn from.
        String buyer = api.newBuyerToken();
        api.as(buyer)
                .body("{}")
                .post("/api/v1/admin/users/" + victim.id() + "/suspend")
                .then()
                .statusCode(403)
                .body("code", equalTo("forbidden"));
        api.as(buyer)
                .body("not json")
                .post("/api/v1/admin/events/not-an-id/suspend")
                .then()
                .statusCode(403);
        api.as(buyer).get("/api/v1/admin/audit?size=1000&cursor=bad").then().statusCode(403);
        api.as(buyer).get("/api/v1/admin/users?role=emperor").then().statusCode(403);
    }

    @Test
    void anonymousCallersGet401OnEveryAdminEndpoint() {
        for (Call call : adminCalls()) {
            call.send()
                    .apply(api.anonymous())
                    .then()
                    .statusCode(401)
                    .contentType("application/problem+json")
                    .body("code", equalTo("unauthorized"));
        }
    }

    @Test
    void anAdminReachesEveryAdminEndpoint() {
        // Positive control for the refusals above: the same calls succeed (or answer about the data).
        String admin = TestAccounts.withRole(api, "admin").accessToken();
        for (Call call : adminCalls()) {
            int status = call.send().apply(api.as(admin)).statusCode();
            org.assertj.core.api.Assertions.assertThat(status).as(call.name()).isIn(200, 404);
        }
    }
}
