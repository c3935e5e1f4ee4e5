package io.foresail.core.proxy;

import io.foresail.config.table.Cluster;
import io.foresail.config.table.UpstreamTlsSettings;
import io.foresail.core.pool.PoolKey;
import io.foresail.core.pool.TlsIdentity;
import io.foresail.core.runtime.ProxySnapshot;
import io.foresail.core.upstream.UpstreamEndpoint;
import io.netty.handler.ssl.SslContext;
import java.util.Objects;

/**
 * Where one request goes upstream: the pool key of the picked endpoint and, when the cluster
 * originates TLS, the key's {@link TlsIdentity} and the client context to connect with. The same
 * for the exchange's own request and for its mirrors.
 *
 * @param key        the pool key, with a TLS identity exactly when the cluster originates TLS
 * @param sslContext the client context of the key's TLS identity, or {@code null} for plaintext
 */
record UpstreamTarget(PoolKey key, SslContext sslContext) {

    UpstreamTarget {
        Objects.requireNonNull(key, "key");
    }

    /**
     * The target of a request to {@code endpoint} of {@code cluster}.
     *
     * @param host the request's Host as sent upstream (the SNI when the cluster configures none), or {@code null}
     */
    static UpstreamTarget of(ProxySnapshot snapshot, Cluster cluster, UpstreamEndpoint endpoint, String host) {
        UpstreamTlsSettings tls = cluster.tls().orElse(null);
        if (tls == null) {
            return new UpstreamTarget(endpoint.poolKey(), null);
        }
        return new UpstreamTarget(endpoint.poolKey().withTls(TlsIdentity.of(tls, host)), snapshot.tls().client(tls));
    }
}
