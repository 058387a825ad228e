package org.ticketvendor.bench;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * For runs against an external server ({@code DATABASE_URL}): creates a fresh database for the run and
 * drops it afterwards. {@code create <url>} prints shell assignments for the script to {@code eval};
 * {@code drop <url> <name>} drops it.
 */
public final class Databases {

    private Databases() {}

    record Server(String host, int port, String user, String password, String database) {
        String jdbc(String db) {
            return "jdbc:postgresql://" + host + ":" + port + "/" + db;
        }

        String url(String db) {
            return "postgres://" + URLEncoder.encode(user, StandardCharsets.UTF_8) + ":"
                    + URLEncoder.encode(password, StandardCharsets.UTF_8) + "@" + host + ":" + port + "/" + db;
        }
    }

    /** {@code postgres://user:pass@host:port/db} or {@code jdbc:postgresql://host:port/db?user=..&password=..}. */
    static Server parse(String url) {
        String user = "";
        String password = "";
        URI uri;
        if (url.startsWith("jdbc:")) {
            uri = URI.create(url.substring("jdbc:".length()));
            Map<String, String> query = new LinkedHashMap<>();
            if (uri.getRawQuery() != null) {
                for (String pair : uri.getRawQuery().split("&")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0) {
                        query.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                    }
                }
            }
            user = query.getOrDefault("user", "");
            password = query.getOrDefault("password", "");
        } else {
            uri = URI.create(url);
            String info = uri.getRawUserInfo();
            if (info != null) {
                int colon = info.indexOf(':');
                user = URLDecoder.decode(colon < 0 ? info : info.substring(0, colon), StandardCharsets.UTF_8);
                password = colon < 0 ? "" : URLDecoder.decode(info.substring(colon + 1), StandardCharsets.UTF_8);
            }
        }
        String db = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        return new Server(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 5432, user, password,
                db.isEmpty() ? "postgres" : db);
    }

    public static void main(String[] args) throws Exception {
        Server server = parse(args[1]);
        try (Connection c = DriverManager.getConnection(server.jdbc(server.database()), server.user(), server.password());
                Statement s = c.createStatement()) {
            if (args[0].equals("create")) {
                String name = "tv_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
                s.execute("create database " + name);
                System.out.println("BENCH_DB_NAME='" + name + "'");
                System.out.println("BENCH_APP_DATABASE_URL='" + server.url(name) + "'");
                System.out.println("BENCH_JDBC_URL='" + server.jdbc(name) + "'");
                System.out.println("BENCH_DB_USER='" + server.user().replace("'", "'\\''") + "'");
                System.out.println("BENCH_DB_PASSWORD='" + server.password().replace("'", "'\\''") + "'");
            } else if (args[0].equals("drop")) {
                String name = args[2];
                if (!name.matches("tv_bench_[0-9a-f]{10}")) {
                    throw new IllegalArgumentException("Refusing to drop " + name + ": not a benchmark database");
                }
                s.execute("drop database if exists " + name + " with (force)");
            } else {
                throw new IllegalArgumentException("create <url> | drop <url> <name>");
            }
        }
    }
}
