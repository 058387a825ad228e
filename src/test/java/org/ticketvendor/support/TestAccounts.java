package org.ticketvendor.support;

import io.restassured.response.Response;

/** Accounts with a given role for tests, made over HTTP: the root admin grants the role. */
public final class TestAccounts {

    private TestAccounts() {}

    /**
     * A signed-in account: its id, email, and tokens carrying its role.
     *
     * @param refreshToken the refresh token of the access token's login
     */
    public record Session(String id, String email, String accessToken, String refreshToken) {}

    /** A fresh account with the role (buyer, staff or admin), logged in after the change. */
    public static Session withRole(ApiClient api, String role) {
        String email = ApiClient.newEmail();
        Response registered = api.register(email, ApiClient.PASSWORD);
        registered.then().statusCode(201);
        String id = registered.path("user.id");
        if (!"buyer".equals(role)) {
            api.as(api.adminToken())
                    .body("""
                            {"role": "%s"}
                            """.formatted(role))
                    .put("/api/v1/admin/users/" + id + "/role")
                    .then()
                    .statusCode(200);
        }
        Response login = api.login(email, ApiClient.PASSWORD);
        login.then().statusCode(200);
        return new Session(id, email, login.path("access_token"), login.path("refresh_token"));
    }
}
