package io.foresail.core.accesslog;

import io.foresail.core.pool.PoolKey;
import io.netty.util.NetUtil;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/** Addresses as Envoy writes them in access logs: {@code 10.0.0.7:8080}, {@code [::1]:8080} (RFC 5952 text). */
final class Addresses {

    private Addresses() {
    }

    /** {@code ip:port} of a socket address, or {@code null} when there is none. */
    static String of(SocketAddress address) {
        if (!(address instanceof InetSocketAddress inet)) {
            return address == null ? null : address.toString();
        }
        InetAddress ip = inet.getAddress();
        if (ip == null) {
            return hostPort(inet.getHostString(), inet.getPort(), false);
        }
        return hostPort(NetUtil.toAddressString(ip), inet.getPort(), ip instanceof Inet6Address);
    }

    /** {@code host:port} of the endpoint a pool key connects to (its address as configured), or {@code null}. */
    static String of(PoolKey endpoint) {
        if (endpoint == null) {
            return null;
        }
        return hostPort(endpoint.host(), endpoint.port(), endpoint.host().indexOf(':') >= 0);
    }

    private static String hostPort(String host, int port, boolean ipv6) {
        if (ipv6) {
            return "[" + host + "]:" + port;
        }
        return host + ":" + port;
    }
}
