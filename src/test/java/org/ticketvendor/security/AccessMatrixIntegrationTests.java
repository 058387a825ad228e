package org.ticketvendor.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.ticketvendor.security.AccessMatrix.Row;
import org.ticketvendor.security.MatrixWorld.Account;
import org.ticketvendor.support.IntegrationTest;
import org.ticketvendor.waitlist.WaitlistOffers;

/**
 * OWASP API1 and API5 as a table: every endpoint of the API, called by every role, as the owner of
 * the object and as someone else, gets the status {@link AccessMatrix} says. The endpoints are read
 * from the running application, so a new endpoint without a row fails the build. Every answer is
 * also checked for what it must never carry (password hashes, other people's e-mail addresses), and
 * refused calls must leave the shared objects as they were.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AccessMatrixIntegrationTests {

    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]?\\$\\d\\d\\$");

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    WaitlistOffers offers;

    MatrixWorld world;
    Map<String, Object> before;

    @BeforeAll
    void buildTheWorld() {
        world = MatrixWorld.of(port, offers);
        before = SharedState.of(world);
    }

    @Test
    @Order(1)
    void theMatrixHasARowForEveryEndpointTheApplicationServesAndNoOther() {
        Set<String> served = ApiInventory.apiEndpoints(context);
        Set<String> inMatrix = AccessMatrix.ROWS.stream()
                .map(row -> row.method() + " " + row.path())
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(minus(served, inMatrix))
                .as("endpoints with no row in AccessMatrix (say who may call them)")
                .isEmpty();
        assertThat(minus(inMatrix, served))
                .as("rows for endpoints that do not exist")
                .isEmpty();
        assertThat(served).hasSizeGreaterThanOrEqualTo(45);
    }

    @TestFactory
    @Order(2)
    Stream<DynamicTest> everyCallerGetsTheStatusTheMatrixSays() {
        return AccessMatrix.ROWS.stream()
                .map(row -> dynamicTest(row.toString(), () -> {
                    List<String> wrong = new ArrayList<>();
                    for (Actor actor : Actor.values()) {
                        String problem = check(row, actor);
                        if (problem != null) {
                            wrong.add(actor + ": " + problem);
                        }
                    }
                    assertThat(wrong).as(row.toString()).isEmpty();
                }));
    }

    @Test
    @Order(3)
    void refusedCallsLeftTheSharedObjectsAsTheyWere() {
        assertThat(SharedState.of(world)).isEqualTo(before);
    }

    @Test
    @Order(4)
    void negativeControlTheCheckerReportsAWrongStatusAndAnAddressThatMustNotBeThere() {
        Row lenient = new Row("GET /api/v1/orders/{id}", Targets.PAID_ORDER, false, false, false, new int[] {
            401, 200, 200, 404, 404, 404, 404, 404
        });

        assertThat(check(lenient, Actor.OTHER_BUYER)).startsWith("expected 200, got 404");
        assertThat(check(lenient, Actor.BUYER)).isNull();
        assertThat(leak(
                        lenient,
                        world.actor(Actor.BUYER),
                        "{\"buyer\": \"" + world.actor(Actor.OTHER_BUYER).email() + "\"}"))
                .contains("OTHER_BUYER's e-mail address");
        assertThat(leak(lenient, world.actor(Actor.BUYER), "{\"hash\": \"$2a$10$abcdefghijkl\"}"))
                .contains("password or token hash");
    }

    /** Calls the row's endpoint as the actor; returns what is wrong with the answer, or null. */
    private String check(Row row, Actor actor) {
        int expected = row.expected(actor);
        boolean succeeds = expected < 300;
        Call call = row.target().call(world, succeeds);
        Account caller = actor == Actor.ANONYMOUS
                ? null
                : row.freshCaller() && succeeds ? world.newAccount(actor) : world.actor(actor);
        RequestSpecification request = given().port(port)
                .contentType(call.contentType())
                .accept(call.accept())
                .headers(call.headers())
                .pathParams(call.pathVariables());
        if (caller != null) {
            request.header("Authorization", "Bearer " + caller.token());
        }
        if (call.body() != null) {
            request.body(call.body());
        }
        if (call.binary() != null) {
            request.body(call.binary());
        }
        Response response = request.request(row.method(), row.path());
        String body = response.asString();
        if (response.statusCode() != expected) {
            return "expected " + expected + ", got " + response.statusCode() + " " + abbreviate(body);
        }
        if (expected >= 400 && !response.contentType().startsWith("application/problem+json")) {
            return "a refusal must be a problem, got " + response.contentType();
        }
        return leak(row, caller, body);
    }

    /** What an answer must never carry: password hashes, or e-mail addresses of other people. */
    private String leak(Row row, Account caller, String body) {
        if (BCRYPT.matcher(body).find() || body.contains("password_hash") || body.contains("token_hash")) {
            return "the answer carries a password or token hash: " + abbreviate(body);
        }
        if (caller != null && caller.kind() == Actor.ADMIN) {
            return null; // Admins may see every account.
        }
        String lower = body.toLowerCase(Locale.ROOT);
        for (Map.Entry<Actor, String> other : world.emails().entrySet()) {
            boolean own = caller != null && caller.email().equalsIgnoreCase(other.getValue());
            boolean staffOfOwnEvent = row.showsStaffEmails()
                    && caller != null
                    && caller.kind() == Actor.PROMOTER
                    && (other.getKey() == Actor.STAFF || other.getKey() == Actor.OTHER_STAFF);
            boolean buyerOfOwnEvent = row.showsAttendeeEmails()
                    && caller != null
                    && caller.kind() == Actor.PROMOTER
                    && other.getKey() == Actor.BUYER;
            if (!own
                    && !staffOfOwnEvent
                    && !buyerOfOwnEvent
                    && lower.contains(other.getValue().toLowerCase(Locale.ROOT))) {
                return "the answer carries " + other.getKey() + "'s e-mail address: " + abbreviate(body);
            }
        }
        return null;
    }

    private static Set<String> minus(Set<String> a, Set<String> b) {
        Set<String> rest = new TreeSet<>(a);
        rest.removeAll(b);
        return rest;
    }

    private static String abbreviate(String body) {
        String flat = body.replaceAll("\\s+", " ");
        return flat.length() <= 300 ? flat : flat.substring(0, 300) + "...";
    }

    /** What refused calls could have changed: the shared objects' states and versions. */
    private static final class SharedState {

        static Map<String, Object> of(MatrixWorld w) {
            Map<String, Object> state = new LinkedHashMap<>();
            for (var event : List.of(w.event, w.draft)) {
                Response read = w.as(Actor.PROMOTER).get("/api/v1/events/" + event.eventId());
                state.put(
                        "event " + event.eventId(),
                        read.path("status") + " v" + read.path("version") + " " + read.path("image.url"));
                state.put(
                        "tiers of " + event.eventId(),
                        w.as(Actor.PROMOTER)
                                .get("/api/v1/events/" + event.eventId() + "/tiers")
                                .path("collect { it.id + ' v' + it.version + ' cap ' + it.capacity }"));
            }
            state.put(
                    "staff",
                    w.as(Actor.PROMOTER)
                            .get("/api/v1/promoter/events/" + w.event.eventId() + "/staff")
                            .path("user_id"));
            state.put(
                    "paid order",
                    w.as(Actor.BUYER).get("/api/v1/orders/" + w.paidOrder.id()).path("status"));
            state.put(
                    "pending order",
                    w.as(Actor.BUYER)
                            .get("/api/v1/orders/" + w.pendingOrder.id())
                            .path("status"));
            Response ticket = w.as(Actor.BUYER).get("/api/v1/tickets/" + w.ticket);
            state.put("ticket", ticket.path("status") + " " + ticket.path("checked_in_at"));
            state.put(
                    "waitlist entry",
                    w.as(Actor.BUYER).get("/api/v1/waitlist/" + w.waitlistEntry).path("status"));
            state.put(
                    "other buyer's role",
                    w.as(Actor.ADMIN)
                            .get("/api/v1/admin/users/"
                                    + w.actor(Actor.OTHER_BUYER).id())
                            .path("role"));
            state.put(
                    "availability of the sold-out tier",
                    w.as(Actor.ANONYMOUS)
                            .get("/api/v1/tiers/" + w.soldOutTier + "/availability")
                            .path("available"));
            return state;
        }
    }
}
