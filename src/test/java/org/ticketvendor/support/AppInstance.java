package org.ticketvendor.support;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.ticketvendor.TicketVendorApplication;

/**
 * A whole application started in this JVM on a port of its own, as a separate instance would run: for
 * tests that need several instances on one database. Its properties are passed as command-line arguments,
 * which take precedence over application.yml and environment variables, so a machine's {@code
 * DATABASE_URL} or {@code REDIS_URL} cannot leak in.
 */
public final class AppInstance implements AutoCloseable {

    private final String name;
    private final ConfigurableApplicationContext context;
    private final int port;

    private AppInstance(String name, ConfigurableApplicationContext context) {
        this.name = name;
        this.context = context;
        this.port = Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
    }

    /**
     * Starts an instance with the given properties (plus a random port) and extra bean classes.
     *
     * @param extraBeans classes registered as beans in this instance only (e.g. listeners that observe it)
     */
    public static AppInstance start(String name, Map<String, String> properties, Class<?>... extraBeans) {
        Map<String, Object> all = new LinkedHashMap<>(properties);
        all.putIfAbsent("server.port", "0");
        all.putIfAbsent("spring.main.banner-mode", "off");
        Class<?>[] sources = new Class<?>[extraBeans.length + 1];
        sources[0] = TicketVendorApplication.class;
        System.arraycopy(extraBeans, 0, sources, 1, extraBeans.length);
        // As command-line arguments: they come before application.yml and environment variables, and are
        // there from the start (logging reads spring.application.name before any initializer runs).
        String[] args = all.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(sources)
                .registerShutdownHook(false)
                .run(args);
        return new AppInstance(name, context);
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public ApiClient api() {
        return new ApiClient(port);
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }

    @Override
    public String toString() {
        return "instance " + name + " on port " + port;
    }
}
