package org.ticketvendor.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.ticketvendor.identity.persistence.UserRepository;
import org.ticketvendor.support.ApiClient;
import org.ticketvendor.support.IntegrationTest;

/** Suspended accounts, overlong passwords and the first-admin bootstrap cannot be abused. */
@IntegrationTest
class AccountSafetyIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Accounts accounts;

    @Autowired
    UserRepository users;

    @Autowired
    PasswordEncoder passwordEncoder;

    ApiClient api;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
    }

    @Test
    void suspendedAccountsCannotLogInOrRefreshAndTheAttemptIsAudited() {
        String email = ApiClient.newEmail();
        Response registered = api.register(email, ApiClient.PASSWORD);
        jdbc.sql("update users set status = 'suspended' where email = :e")
                .param("e", email)
                .update();

        api.login(email, ApiClient.PASSWORD).then().statusCode(403).body("code", equalTo("account_suspended"));
        api.refresh(registered.path("tokens.refresh_token")).then().statusCode(401);
        assertThat(jdbc.sql(
                                "select count(*) from audit_log where action = 'auth.login_failed' and after->>'reason' = 'suspended' and entity_id = :id")
                        .param("id", registered.<String>path("user.id"))
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void aPasswordWithExtraBytesBeyondBcryptsLimitDoesNotLogIn() {
        String email = ApiClient.newEmail();
        String password = "a-long-but-valid-password-".repeat(2) + "x".repeat(20);
        api.register(email, password).then().statusCode(201);
        api.login(email, password + "-anything-appended-past-byte-72").then().statusCode(401);
        api.login(email, password).then().statusCode(200);
    }

    @Test
    void failedLoginsRecordNoActorAndNeverWhatWasTypedIfItIsNotAnEmail() {
        api.login("my secret password", "x").then().statusCode(401);
        var row = jdbc.sql("select actor_user_id, after->>'email' as email from audit_log "
                        + "where action = 'auth.login_failed' order by id desc limit 1")
                .query()
                .singleRow();
        assertThat(row.get("actor_user_id")).isNull();
        assertThat(row.get("email")).isEqualTo("(not an email)");
    }

    @Test
    void theAdminBootstrapNeverPromotesAnAccountWithAnotherPassword() {
        String email = ApiClient.newEmail();
        api.register(email, ApiClient.PASSWORD).then().statusCode(201);
        AdminBootstrap squatted = bootstrap(email, "The Real Admin Password 1");

        assertThatThrownBy(squatted::afterSingletonsInstantiated).hasMessageContaining("refusing to make it admin");
        assertThat(accounts.findByEmail(email).orElseThrow().role()).isEqualTo(Role.BUYER);

        bootstrap(email, ApiClient.PASSWORD).afterSingletonsInstantiated();
        assertThat(accounts.findByEmail(email).orElseThrow().role()).isEqualTo(Role.ADMIN);
    }

    private AdminBootstrap bootstrap(String email, String password) {
        IdentitySettings settings = new IdentitySettings(
                null,
                "ticket-vendor",
                java.time.Duration.ofMinutes(15),
                java.time.Duration.ofDays(30),
                4,
                5,
                java.time.Duration.ofSeconds(30),
                java.time.Duration.ofMinutes(15),
                email,
                password);
        return new AdminBootstrap(accounts, users, passwordEncoder, settings);
    }
}
