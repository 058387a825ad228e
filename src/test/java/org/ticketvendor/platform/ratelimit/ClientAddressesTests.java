package org.ticketvendor.platform.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientAddressesTests {

    @Test
    void anIpv4AddressIsItsOwnKey() {
        assertThat(ClientAddresses.key("203.0.113.7")).isEqualTo("203.0.113.7");
    }

    @Test
    void ipv6AddressesOfOneSlash64ShareAKey() {
        String one = ClientAddresses.key("2001:db8:1:2:aaaa:bbbb:cccc:dddd");
        String other = ClientAddresses.key("2001:db8:1:2::1");

        assertThat(one).isEqualTo(other).isEqualTo("2001:db8:1:2:0:0:0:0/64");
        assertThat(ClientAddresses.key("2001:db8:1:3::1")).isNotEqualTo(one);
    }

    @Test
    void anIpv4MappedAddressIsKeyedAsIpv4() {
        assertThat(ClientAddresses.key("::ffff:203.0.113.7")).isEqualTo("203.0.113.7");
    }

    @Test
    void somethingThatIsNoAddressIsKeptAsItIsWithoutALookup() {
        assertThat(ClientAddresses.key("not-an-address:80")).isEqualTo("not-an-address:80");
        assertThat(ClientAddresses.key(null)).isEqualTo("unknown");
        assertThat(ClientAddresses.key("")).isEqualTo("unknown");
    }
}
