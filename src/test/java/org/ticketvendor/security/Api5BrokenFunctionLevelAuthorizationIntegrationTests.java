package org.ticketvendor.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.ticketvendor.security.AccessMatrix.Row;
import org.ticketvendor.security.MatrixWorld.Account;
import org.ticketvendor.support.ApiClient;
import org.ticketvendor.support.IntegrationTest;
import org.ticketvendor.waitlist.WaitlistOffers;

/**
 * OWASP API5:2023 Broken Function Level Authorization. Which role may call which function is the
 * {@link AccessMatrixIntegrationTests access matrix}, checked against the running application; here
 * the policy it must keep, and the ways around role checks: other spellings of a path, other
 * methods, and roles that changed after a token was issued.
 */
@IntegrationTest
class Api5BrokenFunctionLevelAuthorizationIntegrationTests {

    private static final List<Actor> BELOW_ADMIN = List.of(
            Actor.BUYER, Actor.OTHER_BUYER, Actor.PROMOTER, Actor.OTHER_PROMOTER, Actor.STAFF, Actor.OTHER_STAFF);

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
    void theMatrixKeepsAdminFunctionsForAdminsAndPromoterFunctionsForPromotersAndAdmins() {
        List<String> breaches = new ArrayList<>();
        for (Row row : AccessMatrix.ROWS) {
            boolean admin = row.path().startsWith("/api/v1/admin/");
            boolean promoter = row.path().startsWith("/api/v1/promoter/")
                    || row.endpoint().matches("(POST|PUT|DELETE) /api/v1/events.*")
                    || row.path().endsWith("/refund");
            for (Actor actor : BELOW_ADMIN) {
                boolean mayPromote = actor == Actor.PROMOTER || actor == Actor.OTHER_PROMOTER;
                int status = row.expected(actor);
                if ((admin || promoter && !mayPromote) && status != 403) {
                    breaches.add(row + " lets " + actor + " get " + status);
                }
            }
            if ((admin || promoter) && row.expected(Actor.ANONYMOUS) != 401) {
                breaches.add(row + " lets an anonymous caller get " + row.expected(Actor.ANONYMOUS));
            }
        }
        assertThat(breaches).isEmpty();
    }

    @Test
    void otherSpellingsOfAnAdminPathNeverReachIt() {
        String id = w.actor(Actor.OTHER_BUYER).id().toString();
        List<String> spellings = List.of(
                "/api/v1/admin/users/" + id + "/",
                "/api/v1//admin/users/" + id,
                "/api/v1/ADMIN/users/" + id,
                "/api/v1/admin/users/" + id + ";role=admin",
                "/api/v1/./admin/users/" + id,
                "/api/v1/orders/../admin/users/" + id,
                "/api/v1/orders/..%2Fadmin/users/" + id,
                "/api/v1/%61dmin/users/" + id,
                "/api/v1/admin%2Fusers/" + id);
        for (String path : spellings) {
            Response response = given().port(port)
                    .urlEncodingEnabled(false)
                    .header("Authorization", "Bearer " + w.actor(Actor.BUYER).token())
                    .get(path);
            assertThat(response.statusCode()).as(path).isIn(400, 403, 404);
            assertThat(response.asString())
                    .as(path)
                    .doesNotContain(w.actor(Actor.OTHER_BUYER).email());
        }
    }

    @Test
    void methodOverrideHeadersAndParametersDoNotTurnARequestIntoAnother() {
        MatrixWorld.Sale sale = w.newSale(5);
        for (String header : List.of("X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override")) {
            w.as(Actor.OTHER_PROMOTER)
                    .header(header, "DELETE")
                    .post("/api/v1/events/" + sale.eventId())
                    .then()
                    .statusCode(405);
        }
        w.as(Actor.OTHER_PROMOTER)
                .queryParam("_method", "DELETE")
                .post("/api/v1/events/" + sale.eventId())
                .then()
                .statusCode(405);

        w.as(Actor.ANONYMOUS).get("/api/v1/events/" + sale.eventId()).then().statusCode(200);
    }

    @Test
    void headAndOptionsRequestsKeepTheRoleChecks() {
        given().port(port)
                .header("Authorization", "Bearer " + w.actor(Actor.BUYER).token())
                .head("/api/v1/admin/notifications")
                .then()
                .statusCode(403);
        given().port(port).head("/api/v1/orders").then().statusCode(401);
        Response options = given().port(port)
                .header("Authorization", "Bearer " + w.actor(Actor.BUYER).token())
                .options("/api/v1/admin/notifications");
        assertThat(options.statusCode()).isIn(200, 403);
        assertThat(options.asString()).doesNotContain("items", "recipient");
    }

    @Test
    void aRoleTakenAwayIsGoneWithTheNextTokenTheRefreshTokenCarriesNoRoleOfItsOwn() {
        Account admin = w.newAccount(Actor.ADMIN);
        String refresh = w.api.login(admin.email(), ApiClient.PASSWORD).path("refresh_token");
        w.api.as(admin.token()).get("/api/v1/admin/notifications").then().statusCode(200);
        w.as(Actor.ADMIN)
                .body("{\"role\": \"buyer\"}")
                .put("/api/v1/admin/users/" + admin.id() + "/role")
                .then()
                .statusCode(200);

        String demoted = w.api.refresh(refresh).then().statusCode(200).extract().path("access_token");

        w.api.as(demoted).get("/api/v1/admin/notifications").then().statusCode(403);
        w.api.as(demoted)
                .body("{\"role\": \"admin\"}")
                .put("/api/v1/admin/users/" + admin.id() + "/role")
                .then()
                .statusCode(403);
        w.api.as(demoted).get("/api/v1/users/me").then().body("role", equalTo("buyer"));
    }

    @Test
    void promotersMakeDoorStaffOnlyOfAccountsAnAdminMadeStaff() {
        for (Actor notStaff : List.of(Actor.ADMIN, Actor.OTHER_PROMOTER, Actor.BUYER)) {
            w.as(Actor.PROMOTER)
                    .body("{\"email\": \"" + w.actor(notStaff).email() + "\"}")
                    .post("/api/v1/promoter/events/" + w.event.eventId() + "/staff")
                    .then()
                    .statusCode(422)
                    .body("code", equalTo("not_staff"));
        }
        w.as(Actor.PROMOTER)
                .body("{\"role\": \"staff\"}")
                .put("/api/v1/admin/users/" + w.actor(Actor.BUYER).id() + "/role")
                .then()
                .statusCode(403);
        w.as(Actor.ADMIN)
                .body("{\"role\": \"root\"}")
                .put("/api/v1/admin/users/" + UUID.randomUUID() + "/role")
                .then()
                .statusCode(400);
    }
}
