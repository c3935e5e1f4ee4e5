package io.foresail.core.proxy;

import static io.foresail.core.testing.RoutingTables.endpoint;
import static org.assertj.core.api.Assertions.assertThat;

import io.foresail.config.table.Cluster;
import io.foresail.config.table.RoutingTable;
import io.foresail.config.table.UpstreamTlsSettings;
import io.foresail.core.pool.PoolKey;
import io.foresail.core.pool.TlsIdentity;
import io.foresail.core.runtime.ProxySnapshot;
import io.foresail.core.testing.MapTlsContexts;
import io.foresail.core.testing.RoutingTables;
import io.foresail.core.upstream.UpstreamEndpoint;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The pool key and client context of a request to a picked endpoint, shared by primaries and mirrors. */
class UpstreamTargetTest {

    private static final UpstreamTlsSettings TLS = new UpstreamTlsSettings(Optional.empty(), Optional.empty(), "",
            List.of(), false);

    private final UpstreamEndpoint endpoint = new UpstreamEndpoint(endpoint("10.0.0.7", 8443, 1), PoolKey.of("10.0.0.7", 8443));

    @Test
    void plaintextClusterKeepsTheEndpointKeyAndHasNoContext() throws Exception {
        RoutingTable table = RoutingTables.builder().cluster("plain.example", endpoint("10.0.0.7", 8443, 1)).build();
        Cluster cluster = table.clusters().get(RoutingTables.clusterName("plain.example"));

        UpstreamTarget target = UpstreamTarget.of(new ProxySnapshot(table, 1), cluster, endpoint, "shop.example");

        assertThat(target.key()).isEqualTo(endpoint.poolKey());
        assertThat(target.sslContext()).isNull();
    }

    @Test
    void tlsClusterKeyCarriesTheHostsIdentityAndTheClustersContext() throws Exception {
        SslContext context = SslContextBuilder.forClient().build();
        RoutingTable table = RoutingTables.builder().tlsCluster("secure.example", TLS, endpoint("10.0.0.7", 8443, 1)).build();
        Cluster cluster = table.clusters().get(RoutingTables.clusterName("secure.example"));

        UpstreamTarget target = UpstreamTarget.of(new ProxySnapshot(table, new MapTlsContexts(Map.of(TLS, context)), 1),
                cluster, endpoint, "shop.example:8080");

        assertThat(target.key()).isEqualTo(endpoint.poolKey().withTls(TlsIdentity.of(TLS, "shop.example:8080")));
        assertThat(target.key().tls()).get().extracting(TlsIdentity::serverName).as("SNI: the Host without port")
                .isEqualTo("shop.example");
        assertThat(target.sslContext()).isSameAs(context);
    }
}
