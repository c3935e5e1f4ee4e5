package io.foresail.core.testing;

import io.foresail.config.table.Cluster;
import io.foresail.config.table.Endpoint;
import io.foresail.config.table.Forward;
import io.foresail.config.table.PathMatch;
import io.foresail.config.table.PortListener;
import io.foresail.config.table.RequestMatch;
import io.foresail.config.table.Route;
import io.foresail.config.table.RoutingTable;
import io.foresail.config.table.UpstreamTlsSettings;
import io.foresail.config.table.VirtualHost;
import io.foresail.config.table.VirtualHostMatcher;
import io.foresail.config.table.WeightedDestination;
import io.foresail.core.runtime.ProxySnapshot;
import io.foresail.core.runtime.SnapshotHolder;
import io.foresail.tls.context.TlsContexts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds {@link RoutingTable}s with TLS-originating clusters from the contract records, for tests
 * of upstream TLS. Clusters are named as {@link RoutingTables#clusterName}; routes forward a domain
 * on a Gateway port to one cluster:
 * <pre>{@code
 * TlsClusterTables.builder()
 *     .tlsCluster("secure.example", settings, endpoint("127.0.0.1", port, 1))
 *     .route(8443, "secure.example", "secure.example")
 *     .holder(new MapTlsContexts(Map.of(settings, clientContext)));
 * }</pre>
 */
public final class TlsClusterTables {

    private final Map<String, Cluster> clusters = new HashMap<>();
    private final Map<Integer, Map<String, String>> hostByPortAndDomain = new LinkedHashMap<>();

    private TlsClusterTables() {
    }

    public static TlsClusterTables builder() {
        return new TlsClusterTables();
    }

    /** A cluster for {@code host} that originates TLS with {@code settings} to its endpoints. */
    public TlsClusterTables tlsCluster(String host, UpstreamTlsSettings settings, Endpoint... endpoints) {
        String name = RoutingTables.clusterName(host);
        clusters.put(name, new Cluster(name, host, 80, "", List.of(endpoints), Optional.of(settings)));
        return this;
    }

    /** A plaintext cluster for {@code host}. */
    public TlsClusterTables plaintextCluster(String host, Endpoint... endpoints) {
        String name = RoutingTables.clusterName(host);
        clusters.put(name, new Cluster(name, host, 80, "", List.of(endpoints)));
        return this;
    }

    /** On Gateway {@code port}, every path of {@code domain} goes to the cluster of {@code host}. */
    public TlsClusterTables route(int port, String domain, String host) {
        hostByPortAndDomain.computeIfAbsent(port, p -> new LinkedHashMap<>()).put(domain, host);
        return this;
    }

    public RoutingTable build() {
        Map<Integer, PortListener> listeners = new HashMap<>();
        hostByPortAndDomain.forEach((port, byDomain) -> {
            List<VirtualHost> virtualHosts = new ArrayList<>();
            byDomain.forEach((domain, host) -> {
                String name = RoutingTables.clusterName(host);
                Route route = new Route(domain, List.of(new RequestMatch(new PathMatch.Prefix("/", false))),
                        Forward.of(List.of(new WeightedDestination(host, name, 100, Optional.ofNullable(clusters.get(name))))));
                virtualHosts.add(new VirtualHost(List.of(domain), List.of(route)));
            });
            listeners.put(port, PortListener.http(port, VirtualHostMatcher.of(virtualHosts)));
        });
        return new RoutingTable(listeners, clusters, "test");
    }

    public SnapshotHolder holder(TlsContexts tls) {
        return new SnapshotHolder(new ProxySnapshot(build(), tls, 1));
    }
}
