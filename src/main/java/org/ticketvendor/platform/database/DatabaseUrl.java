package org.ticketvendor.platform.database;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A PostgreSQL connection taken from {@code DATABASE_URL}.
 *
 * <p>Hosting platforms hand out libpq-style URLs ({@code postgres://user:password@host:port/db}) while the
 * JDBC driver wants {@code jdbc:postgresql://host:port/db} with the credentials separate. This record
 * accepts both and always yields a JDBC URL <em>without</em> credentials, so that {@link #jdbcUrl()} can
 * be handed to the pool and {@link #describe()} can be logged without leaking the password.
 *
 * @param jdbcUrl the JDBC URL, without {@code user} and {@code password} parameters
 * @param username the user name, or {@code null} to let the driver pick its default
 * @param password the password, or {@code null} when none is given
 */
public record DatabaseUrl(String jdbcUrl, String username, String password) {

    private static final String JDBC_PREFIX = "jdbc:postgresql:";
    private static final String EXPECTED =
            "expected postgres://user:password@host:port/database or jdbc:postgresql://host:port/database";

    /**
     * Parses a {@code postgres://}, {@code postgresql://} or {@code jdbc:postgresql://} URL.
     *
     * @throws IllegalArgumentException if the URL is blank or malformed; the message never contains the
     *     URL itself, because it may carry a password
     */
    public static DatabaseUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw invalid("it is empty");
        }
        String trimmed = url.trim();
        String lower = trimmed.toLowerCase(Locale.ROOT);
        if (lower.startsWith(JDBC_PREFIX)) {
            return parseJdbc(trimmed);
        }
        if (lower.startsWith("postgres://") || lower.startsWith("postgresql://")) {
            return parseLibpq(trimmed);
        }
        if (lower.startsWith("jdbc:")) {
            throw invalid("only PostgreSQL JDBC URLs (jdbc:postgresql:) are supported");
        }
        throw invalid("the scheme is not postgres, postgresql or jdbc:postgresql");
    }

    /** The JDBC URL without its query string: host, port and database, safe to log. */
    public String describe() {
        int query = jdbcUrl.indexOf('?');
        return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
    }

    /** The same server and credentials with another database; used to create throwaway test databases. */
    public DatabaseUrl withDatabase(String database) {
        String prefix = JDBC_PREFIX + "//";
        if (!jdbcUrl.startsWith(prefix)) {
            throw new IllegalArgumentException("Cannot change the database of a JDBC URL without //host");
        }
        int query = jdbcUrl.indexOf('?');
        String base = query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
        String suffix = query < 0 ? "" : jdbcUrl.substring(query);
        int slash = base.indexOf('/', prefix.length());
        String hosts = slash < 0 ? base : base.substring(0, slash);
        return new DatabaseUrl(hosts + "/" + database + suffix, username, password);
    }

    /** Never prints the password: records would otherwise include it in {@code toString()}. */
    @Override
    public String toString() {
        return "DatabaseUrl[" + describe() + ", user=" + username + "]";
    }

    private static DatabaseUrl parseJdbc(String url) {
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        if (base.length() == JDBC_PREFIX.length()) {
            throw invalid("the JDBC URL names no host or database");
        }
        Credentials credentials = new Credentials();
        String rest = query < 0 ? "" : extractCredentials(url.substring(query + 1), credentials, true);
        return new DatabaseUrl(
                "jdbc:postgresql:" + base.substring(JDBC_PREFIX.length()) + (rest.isEmpty() ? "" : "?" + rest),
                emptyToNull(credentials.user),
                credentials.password);
    }

    private static DatabaseUrl parseLibpq(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            // The exception message echoes the input, password included, so it is deliberately dropped.
            throw invalid("it is not a valid URI (percent-encode special characters in the password)");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw invalid("the host is missing or malformed (percent-encode special characters in the password)");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String database = path.startsWith("/") ? path.substring(1) : path;
        if (database.isEmpty() || database.contains("/")) {
            throw invalid("the database name is missing");
        }
        Credentials credentials = new Credentials();
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            // In URL user info '+' is a literal plus, not a space as in HTML forms.
            credentials.user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon), false);
            credentials.password = colon < 0 ? null : decode(userInfo.substring(colon + 1), false);
        }
        String rest = uri.getRawQuery() == null ? "" : extractCredentials(uri.getRawQuery(), credentials, false);
        int port = uri.getPort() < 0 ? 5432 : uri.getPort();
        String jdbcUrl = JDBC_PREFIX + "//" + uri.getHost() + ":" + port + "/" + database;
        return new DatabaseUrl(
                rest.isEmpty() ? jdbcUrl : jdbcUrl + "?" + rest, emptyToNull(credentials.user), credentials.password);
    }

    /**
     * Moves {@code user} and {@code password} query parameters into {@code credentials} (unless the URL
     * already supplied them) and returns the remaining parameters, in their original order, encoded the
     * way the JDBC driver decodes them.
     *
     * @param jdbc whether the query follows JDBC rules, where {@code +} means a space; in libpq URLs it is
     *     a literal plus, so those parameters are decoded and encoded again
     */
    private static String extractCredentials(String rawQuery, Credentials credentials, boolean jdbc) {
        List<String> kept = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq), jdbc);
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1), jdbc);
            if (key.equals("user")) {
                credentials.user = credentials.user == null ? value : credentials.user;
            } else if (key.equals("password")) {
                credentials.password = credentials.password == null ? value : credentials.password;
            } else if (jdbc) {
                kept.add(pair);
            } else {
                kept.add(URLEncoder.encode(key, StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        }
        return String.join("&", kept);
    }

    private static String decode(String encoded, boolean plusIsSpace) {
        try {
            return URLDecoder.decode(plusIsSpace ? encoded : encoded.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid("it contains a malformed percent-escape");
        }
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private static IllegalArgumentException invalid(String reason) {
        return new IllegalArgumentException("Invalid database URL: " + reason + "; " + EXPECTED);
    }

    /** Mutable holder while parsing; user info in the authority wins over query parameters. */
    private static final class Credentials {
        private String user;
        private String password;
    }
}
