package org.ticketvendor.platform.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class DatabaseUrlTests {

    @Test
    void convertsAPostgresUrlToJdbc() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://app:secret@db.example.com:6543/tickets");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com:6543/tickets");
        assertThat(url.username()).isEqualTo("app");
        assertThat(url.password()).isEqualTo("secret");
    }

    @Test
    void acceptsThePostgresqlScheme() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://app:secret@db:5433/tickets");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5433/tickets");
        assertThat(url.username()).isEqualTo("app");
    }

    @Test
    void defaultsToPort5432() {
        assertThat(DatabaseUrl.parse("postgres://app:secret@db/tickets").jdbcUrl())
                .isEqualTo("jdbc:postgresql://db:5432/tickets");
    }

    @Test
    void decodesPercentEncodedUserInfo() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://app%40corp:p%40ss%3Aw%2Frd+1@db/tickets");

        assertThat(url.username()).isEqualTo("app@corp");
        assertThat(url.password()).isEqualTo("p@ss:w/rd+1");
    }

    @Test
    void carriesQueryParametersToJdbc() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://app:secret@db/tickets?sslmode=require&application_name=tv");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/tickets?sslmode=require&application_name=tv");
    }

    @Test
    void keepsAPlusInLibpqParametersLiteral() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://app:secret@db/tickets?application_name=a+b%20c");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/tickets?application_name=a%2Bb+c");
    }

    @Test
    void takesCredentialsFromQueryParametersWhenTheUserInfoHasNone() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://db/tickets?user=app&password=s%3Dcret&sslmode=disable");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/tickets?sslmode=disable");
        assertThat(url.username()).isEqualTo("app");
        assertThat(url.password()).isEqualTo("s=cret");
    }

    @Test
    void allowsAUrlWithoutCredentials() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://db:5432/tickets");

        assertThat(url.username()).isNull();
        assertThat(url.password()).isNull();
    }

    @Test
    void keepsIpv6Hosts() {
        assertThat(DatabaseUrl.parse("postgres://app:secret@[::1]:5433/tickets").jdbcUrl())
                .isEqualTo("jdbc:postgresql://[::1]:5433/tickets");
    }

    @Test
    void passesAJdbcUrlThroughWithTheCredentialsTakenOut() {
        DatabaseUrl url = DatabaseUrl.parse(
                "jdbc:postgresql://db:5432/tickets?user=app&ssl=true&password=p%26ss+word&sslmode=verify-full");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/tickets?ssl=true&sslmode=verify-full");
        assertThat(url.username()).isEqualTo("app");
        assertThat(url.password()).isEqualTo("p&ss word");
    }

    @Test
    void passesAJdbcUrlWithoutParametersThroughUnchanged() {
        DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql://db1:5432,db2:5432/tickets");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db1:5432,db2:5432/tickets");
        assertThat(url.username()).isNull();
    }

    @Test
    void switchesToAnotherDatabaseOnTheSameServer() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://app:secret@db/tickets?sslmode=require");

        DatabaseUrl other = url.withDatabase("tv_test_1");

        assertThat(other.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/tv_test_1?sslmode=require");
        assertThat(other.username()).isEqualTo("app");
        assertThat(other.password()).isEqualTo("secret");
    }

    @Test
    void neverShowsThePassword() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://app:secret@db/tickets");

        assertThat(url.toString()).doesNotContain("secret").contains("db:5432/tickets");
        assertThat(url.describe()).isEqualTo("jdbc:postgresql://db:5432/tickets");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  "})
    void rejectsAMissingUrl(String input) {
        assertThatThrownBy(() -> DatabaseUrl.parse(input))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "mysql://app:secret@db/tickets",
                "jdbc:mysql://db/tickets?password=secret",
                "postgres://app:secret@/tickets",
                "postgres://app:secret@db:5432",
                "postgres://app:secret@db:5432/",
                "postgres://app:secret@db:port/tickets",
                "postgres://app:sec@ret@db/tickets",
                "postgres://app:secret@db/tickets?x=%zz",
                "postgres://app:secret@db/tic kets",
                "jdbc:postgresql:",
                "secret"
            })
    void rejectsMalformedUrlsWithoutShowingThePassword(String input) {
        assertThatThrownBy(() -> DatabaseUrl.parse(input))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid database URL")
                .message()
                .doesNotContain("secret")
                .doesNotContain("ret@");
    }
}
