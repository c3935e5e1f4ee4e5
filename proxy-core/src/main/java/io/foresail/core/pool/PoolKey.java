package io.foresail.core.pool;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * Identity of an upstream connection pool: connections are interchangeable exactly when their
 * keys are equal. For now the endpoint address and port; protocol and TLS identity (SNI, client
 * certificate, verification) join it with upstream TLS.
 *
 * @param host          the endpoint address as configured: an IP literal or a host name
 * @param port          the endpoint port
 * @param remoteAddress the socket address to connect to: resolved for IP literals, unresolved
 *                      for host names (resolved off the event loop at connect time)
 */
public record PoolKey(String host, int port, InetSocketAddress remoteAddress) {

    public PoolKey {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(remoteAddress, "remoteAddress");
    }

    public static PoolKey of(String host, int port) {
        return new PoolKey(host, port, socketAddress(host, port));
    }

    private static InetSocketAddress socketAddress(String host, int port) {
        byte[] literal = NetUtil.createByteArrayFromIpAddressString(host);
        if (literal == null) {
            return InetSocketAddress.createUnresolved(host, port);
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(host, literal), port);
        } catch (UnknownHostException impossible) {
            throw new IllegalArgumentException("address: " + host + " (expected: an IP literal)", impossible);
        }
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
