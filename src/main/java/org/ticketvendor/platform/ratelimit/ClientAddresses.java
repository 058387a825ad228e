package org.ticketvendor.platform.ratelimit;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * The key a client address is limited under. The address is the request's remote address: the
 * socket's peer, unless the server is configured to trust a proxy's {@code X-Forwarded-For} ({@code
 * server.forward-headers-strategy}), in which case the servlet container has already replaced it. The
 * header itself is never read here, so a client cannot choose its own bucket.
 *
 * <p>IPv4 addresses are keyed as they are. IPv6 addresses are keyed by their /64 network: one
 * subscriber usually gets a whole /64, and keying each address would let one client use billions.
 */
final class ClientAddresses {

    /** An IPv6 literal (maybe with a zone): only these go to the parser, which then does no lookup. */
    private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9A-Fa-f:.]+(%[A-Za-z0-9_.-]+)?");

    private ClientAddresses() {}

    static String key(String remoteAddress) {
        if (remoteAddress == null || remoteAddress.isBlank()) {
            return "unknown";
        }
        if (remoteAddress.indexOf(':') < 0
                || !IPV6_LITERAL.matcher(remoteAddress).matches()) {
            return remoteAddress;
        }
        try {
            InetAddress address = InetAddress.getByName(remoteAddress);
            if (!(address instanceof Inet6Address)) {
                return address.getHostAddress();
            }
            byte[] network = Arrays.copyOf(address.getAddress(), 16);
            Arrays.fill(network, 8, 16, (byte) 0);
            return InetAddress.getByAddress(network).getHostAddress() + "/64";
        } catch (UnknownHostException ex) {
            return remoteAddress;
        }
    }
}
