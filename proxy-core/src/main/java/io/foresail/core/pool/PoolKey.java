package io.foresail.core.pool;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.Optional;

/**
 * Identity of an upstream connection pool: connections are interchangeable exactly when their
 * keys are equal. The endpoint address and port, and for TLS connections their {@link TlsIdentity}
 * (SNI sent, client certificate, verification), so a plaintext and a TLS connection to one address,
 * or TLS connections that sent different SNIs, are never handed out for one another.
 *
 * @param host          the endpoint address as configured: an IP literal or a host name
 * @param port          the endpoint port
 * @param remoteAddress the socket address to connect to: resolved for IP literals, unresolved
 *                      for host names (resolved off the event loop at connect time)
 * @param tls           the TLS identity of the connections, or empty for plaintext
 */
public record PoolKey(String host, int port, InetSocketAddress remoteAddress, Optional<TlsIdentity> tls) {

    public PoolKey {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(remoteAddress, "remoteAddress");
        Objects.requireNonNull(tls, "tls");
    }

    /** A plaintext key for {@code host:port}. */
    public static PoolKey of(String host, int port) {
        return new PoolKey(host, port, socketAddress(host, port), Optional.empty());
    }

    /** The key of TLS connections with {@code identity} to this key's address. */
    public PoolKey withTls(TlsIdentity identity) {
        return new PoolKey(host, port, remoteAddress, Optional.of(identity));
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
        return tls.isEmpty() ? host + ":" + port : host + ":" + port + " " + tls.get();
    }
}
