package org.ticketvendor.platform;

import org.slf4j.MDC;

/** Request-scoped facts the platform puts in the logging context for every request. */
public final class RequestContext {

    public static final String REQUEST_ID = "request_id";
    public static final String CLIENT_IP = "client_ip";

    private RequestContext() {}

    /** The current request's id, or null outside a request. */
    public static String requestId() {
        return MDC.get(REQUEST_ID);
    }

    /** The current request's client address, or null outside a request. */
    public static String clientIp() {
        return MDC.get(CLIENT_IP);
    }
}
