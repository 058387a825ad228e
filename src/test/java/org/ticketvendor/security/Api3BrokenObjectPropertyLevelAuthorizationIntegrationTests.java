package org.ticketvendor.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.ticketvendor.security.AccessMatrix.Row;
import org.ticketvendor.security.MatrixWorld.Order;
import org.ticketvendor.support.ApiClient;
import org.ticketvendor.support.IntegrationTest;
import org.ticketvendor.waitlist.WaitlistOffers;

/**
 * OWASP API3:2023 Broken Object Property Level Authorization. Mass assignment: no request body of
 * the API accepts a property the caller may not set (roles, statuses, owners, prices, stock
 * counters); unknown properties are refused, not ignored, so nothing is half-applied. Excessive data
 * exposure: answers carry only what their reader may see.
 */
@IntegrationTest
class Api3BrokenObjectPropertyLevelAuthorizationIntegrationTests {

    /**
     * Properties a client must never set, whatever the endpoint: an identity, a role, a state, an
     * owner, a stock counter and a price (all bodies are read by the same strict mapper; these stand
     * for the rest).
     */
    private static final Map<String, String> FORBIDDEN = Map.of(
            "id", "\"" + UUID.randomUUID() + "\"",
            "role", "\"admin\"",
            "status", "\"paid\"",
            "promoter_id", "\"" + UUID.randomUUID() + "\"",
            "sold", "0",
            "total_minor", "1");

    @LocalServerPort
    int port;

    @Autowired
    WaitlistOffers offers;

    MatrixWorld w;

    @BeforeEach
    void setUp() {
        w = MatrixWorld.of(port, offers);
    }

    @Test
    void everyJsonBodyOfTheApiRefusesPropertiesTheCallerMayNotSet() {
        List<String> accepted = new ArrayList<>();
        int tried = 0;
        for (Row row : AccessMatrix.ROWS) {
            Actor allowed = firstAllowed(row);
            Call call = row.target().shared().apply(w);
            if (allowed == null || call.body() == null || !call.body().strip().startsWith("{")) {
                continue;
            }
            for (Map.Entry<String, String> property : FORBIDDEN.entrySet()) {
                if (call.body().contains("\"" + property.getKey() + "\"")) {
                    continue;
                }
                String body = call.body()
                        .strip()
                        .replaceFirst(
                                "^\\{",
                                "{\"" + property.getKey() + "\": " + property.getValue()
                                        + (call.body().strip().equals("{}") ? "" : ", "));
                Response response = request(row, allowed, call).body(body).request(row.method(), row.path());
                tried++;
                if (response.statusCode() != 400
                        || !"unknown_field".equals(response.path("code"))
                        || !property.getKey().equals(response.path("errors[0].field"))) {
                    accepted.add(row + " + " + property.getKey() + " -> " + response.statusCode() + " "
                            + response.asString());
                }
            }
        }
        assertThat(accepted).isEmpty();
        assertThat(tried).as("requests tried").isGreaterThanOrEqualTo(95);
    }

    @Test
    void registeringWithARoleCreatesNoAccountAtAll() {
        String email = ApiClient.newEmail();
        w.api.anonymous()
                .body("""
                        {"email": "%s", "password": "%s", "full_name": "Mallory", "role": "admin"}
                        """.formatted(email, ApiClient.PASSWORD))
                .post("/api/v1/auth/register")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("role"));

        w.api.login(email, ApiClient.PASSWORD).then().statusCode(401);
    }

    @Test
    void anOrderLineCannotBringItsOwnPriceAndNothingIsHeldWhenItTries() {
        MatrixWorld.Sale sale = w.newSale(3);
        w.as(Actor.BUYER)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body("""
                        {"items": [{"tier_id": "%s", "quantity": 3, "unit_price_minor": 1}]}
                        """.formatted(sale.tierId()))
                .post("/api/v1/orders")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("items[0].unit_price_minor"));

        w.as(Actor.ANONYMOUS)
                .get("/api/v1/tiers/" + sale.tierId() + "/availability")
                .then()
                .body("available", equalTo(3))
                .body("held", equalTo(0));
    }

    @Test
    void theCallersOwnAccountCarriesNoSecretAndAdminsSeeNoneEither() {
        Set<String> account = Set.of("id", "email", "full_name", "phone", "role", "status", "created_at", "promoter");
        assertThat(keys(w.as(Actor.BUYER).get("/api/v1/users/me"))).isEqualTo(account);
        // Admins also see how the account stands (suspension, last login), still no secret.
        Set<String> adminView = new HashSet<>(account);
        adminView.addAll(Set.of("suspended_at", "suspension_reason", "last_login_at"));
        assertThat(keys(w.as(Actor.ADMIN)
                        .get("/api/v1/admin/users/" + w.actor(Actor.BUYER).id())))
                .isEqualTo(adminView);
    }

    @Test
    void publicEventAndTierViewsCarryNoPersonalDataOfThePromoter() {
        Response event = w.as(Actor.ANONYMOUS).get("/api/v1/events/" + w.event.eventId());
        String promoter = w.actor(Actor.PROMOTER).id().toString();

        assertThat(keys(event)).doesNotContain("user_id", "contact_email", "contact_phone", "stripe_account_id");
        assertThat(event.asString()).doesNotContain(promoter, "desk@matrix.test");
        assertThat(w.as(Actor.ANONYMOUS)
                        .get("/api/v1/events/" + w.event.eventId() + "/tiers")
                        .asString())
                .doesNotContain(promoter, "desk@matrix.test");
        assertThat(w.as(Actor.ANONYMOUS)
                        .queryParam("size", 100)
                        .get("/api/v1/events")
                        .asString())
                .doesNotContain(promoter, "desk@matrix.test");
    }

    @Test
    void anOrderShowsThePaymentsClientSecretOnlyWhileItCanBePaid() {
        Order pending = w.newPendingOrder();
        w.as(Actor.BUYER)
                .get("/api/v1/orders/" + pending.id())
                .then()
                .body("payment.client_secret", org.hamcrest.Matchers.notNullValue());

        w.as(Actor.BUYER)
                .post("/api/v1/orders/" + pending.id() + "/cancel")
                .then()
                .statusCode(200);

        w.as(Actor.BUYER)
                .get("/api/v1/orders/" + pending.id())
                .then()
                .body("payment.client_secret", org.hamcrest.Matchers.nullValue());
        w.as(Actor.BUYER)
                .get("/api/v1/orders/" + w.paidOrder.id())
                .then()
                .body("payment.client_secret", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void doorStaffLearnWhichTicketWasAdmittedButNothingAboutItsHolder() {
        Response admitted = w.as(Actor.STAFF)
                .body("{\"code\": \"" + w.newTicketCode() + "\"}")
                .post("/api/v1/checkin");

        admitted.then().statusCode(200);
        assertThat(keys(admitted))
                .isEqualTo(Set.of("result", "ticket_id", "ticket_number", "event_id", "tier_id", "checked_in_at"));
        assertThat(admitted.asString()).doesNotContain(w.actor(Actor.BUYER).id().toString());
    }

    @Test
    void theStaffListShowsWhoWorksTheDoorNotTheirAccounts() {
        List<Map<String, Object>> staff = w.as(Actor.PROMOTER)
                .get("/api/v1/promoter/events/" + w.event.eventId() + "/staff")
                .path("$");

        assertThat(staff).isNotEmpty();
        staff.forEach(member ->
                assertThat(member.keySet()).isEqualTo(Set.of("user_id", "email", "full_name", "assigned_at")));
    }

    private Actor firstAllowed(Row row) {
        for (Actor actor : Actor.values()) {
            if (row.expected(actor) < 300) {
                return actor;
            }
        }
        return null;
    }

    private RequestSpecification request(Row row, Actor actor, Call call) {
        RequestSpecification request = given().port(port)
                .contentType(ContentType.JSON)
                .accept(Call.JSON)
                .headers(call.headers())
                .pathParams(call.pathVariables());
        if (actor != Actor.ANONYMOUS) {
            String token = row.freshCaller()
                    ? w.newAccount(actor).token()
                    : w.actor(actor).token();
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    private static Set<String> keys(Response response) {
        return response.jsonPath().getMap("$").keySet().stream()
                .map(Object::toString)
                .collect(java.util.stream.Collectors.toSet());
    }
}
