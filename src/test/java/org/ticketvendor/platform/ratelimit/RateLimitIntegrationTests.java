package org.ticketvendor.platform.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.ticketvendor.orders.SaleFixture;
import org.ticketvendor.support.ApiClient;
import org.ticketvendor.support.TestDatabaseInitializer;
import org.ticketvendor.support.TestRedis;

/**
 * The limits over HTTP, tight enough to reach, in an application of their own. Each test calls from
 * loopback addresses of its own (127.0.0.x: all of 127/8 is this machine), so the tests share no
 * bucket.
 *
 * <p>This application's {@code REDIS_URL} points at a port nobody listens on: it shows that with Redis
 * configured but down, requests are answered at once and the limits still hold (per instance).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "ticketvendor.identity.bcrypt-strength=4",
            "ticketvendor.jobs.enabled=false",
            "ticketvendor.rate-limits.policies.login.per-ip.capacity=3",
            "ticketvendor.rate-limits.policies.register.per-ip.capacity=1000",
            "ticketvendor.rate-limits.policies.refresh.per-ip.capacity=1000",
            "ticketvendor.rate-limits.policies.orders.per-ip.capacity=1000",
            "ticketvendor.rate-limits.policies.orders.per-account.capacity=2",
            "ticketvendor.redis.timeout=200ms"
        })
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
class RateLimitIntegrationTests {

    static final String REDIS_THAT_IS_DOWN = "redis://127.0.0.1:" + TestRedis.freePort();

    @DynamicPropertySource
    static void redisThatIsDown(DynamicPropertyRegistry registry) {
        registry.add("ticketvendor.redis.url", () -> REDIS_THAT_IS_DOWN);
    }

    @LocalServerPort
    int port;

    ApiClient api;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
    }

    @Test
    void theFourthLoginFromOneAddressWithinAMinuteIsA429ProblemWithRetryAfter() {
        for (int i = 0; i < 3; i++) {
            login(from("127.0.0.11")).then().statusCode(401);
        }

        login(from("127.0.0.11"))
                .then()
                .statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", matchesPattern("[1-9][0-9]?"))
                .body("type", equalTo("urn:ticket-vendor:problem:rate_limited"))
                .body("title", equalTo("Too many requests"))
                .body("status", equalTo(429))
                .body("code", equalTo("rate_limited"))
                .body("policy", equalTo("login"))
                .body("detail", containsString("from this address"))
                .body("retry_after_seconds", equalTo(20));
    }

    @Test
    void aForwardedForHeaderDoesNotBuyANewBudget() {
        for (int i = 0; i < 3; i++) {
            login(from("127.0.0.12")).then().statusCode(401);
        }

        login(from("127.0.0.12").header("X-Forwarded-For", "198.51.100.77"))
                .then()
                .statusCode(429);
    }

    @Test
    void anotherAddressIsNotAffected() {
        for (int i = 0; i < 4; i++) {
            login(from("127.0.0.13"));
        }
        login(from("127.0.0.13")).then().statusCode(429);

        login(from("127.0.0.14")).then().statusCode(401);
    }

    @Test
    void ordersAreLimitedPerAccountAndTheWaitlistClaimSharesTheBudget() {
        SaleFixture sale = SaleFixture.publishedEvent(api, 100, 1_000, 10);
        String buyer = api.newBuyerToken();
        String other = api.newBuyerToken();

        sale.hold(api, buyer, 1).then().statusCode(201);
        sale.hold(api, buyer, 1).then().statusCode(201);
        sale.hold(api, buyer, 1)
                .then()
                .statusCode(429)
                .header("Retry-After", matchesPattern("[1-9][0-9]?"))
                .body("code", equalTo("rate_limited"))
                .body("policy", equalTo("orders"))
                .body("detail", containsString("from this account"));
        api.as(buyer)
                .post("/api/v1/waitlist/" + UUID.randomUUID() + "/claim")
                .then()
                .statusCode(429);

        sale.hold(api, other, 1).then().statusCode(201);
    }

    @Test
    void withRedisDownEveryRequestIsStillAnsweredAtOnce() {
        for (int i = 0; i < 10; i++) {
            long started = System.nanoTime();
            Response registered = from("127.0.0.15")
                    .body("""
                            {"email": "%s", "password": "%s", "full_name": "Fast Answer"}
                            """.formatted(ApiClient.newEmail(), ApiClient.PASSWORD))
                    .post("/api/v1/auth/register");
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(registered.statusCode()).isEqualTo(201);
            assertThat(took).isLessThan(Duration.ofSeconds(1));
        }
    }

    /**
     * The sold-out memory tells other instances through Redis; with Redis down it still works on this
     * instance and never slows a purchase.
     */
    @Test
    void withRedisDownTheSaleGoesOnAndSeatsBackAreSoldAtOnce() {
        SaleFixture sale = SaleFixture.publishedEvent(api, 2, 1_000, 2);
        String holder = api.newBuyerToken();
        String buyer = api.newBuyerToken();

        long started = System.nanoTime();
        String held = sale.hold(api, holder, 2).then().statusCode(201).extract().path("id");
        sale.hold(api, buyer, 1).then().statusCode(409).body("code", equalTo("sold_out"));
        api.as(holder).post("/api/v1/orders/" + held + "/cancel").then().statusCode(200);
        sale.hold(api, buyer, 1).then().statusCode(201);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
    }

    private Response login(RequestSpecification request) {
        return request.body("""
                        {"email": "%s", "password": "wrong password 1"}
                        """.formatted(ApiClient.newEmail())).post("/api/v1/auth/login");
    }

    /** A request whose connection comes from this loopback address. */
    private RequestSpecification from(String address) {
        try {
            return api.anonymous()
                    .config(RestAssuredConfig.config()
                            .httpClient(HttpClientConfig.httpClientConfig()
                                    .setParam("http.route.local-address", InetAddress.getByName(address))));
        } catch (UnknownHostException ex) {
            throw new IllegalArgumentException(ex);
        }
    }
}
