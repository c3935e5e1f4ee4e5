package io.foresail.core.testing;

import io.foresail.config.table.Cluster;
import io.foresail.config.table.Endpoint;
import io.foresail.config.table.Forward;
import io.foresail.config.table.PortListener;
import io.foresail.config.table.PathMatch;
import io.foresail.config.table.RequestMatch;
import io.foresail.config.table.Route;
import io.foresail.config.table.RoutingTable;
import io.foresail.config.table.VirtualHost;
import io.foresail.config.table.VirtualHostMatcher;
import io.foresail.config.table.WeightedDestination;
import io.foresail.core.runtime.ProxySnapshot;
import io.foresail.core.runtime.SnapshotHolder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds {@link RoutingTable}s directly from the contract records, for tests:
 * <pre>{@code
 * RoutingTables.builder()
 *     .cluster("web", endpoint("127.0.0.1", 8080, 1))
 *     .route(80, "example.com", "/", "web")
 *     .build();
 * }</pre>
 */
public final class RoutingTables {

    private final Map<String, Cluster> clusters = new HashMap<>();
    private final Map<Integer, Map<String, List<Route>>> routesByPortAndDomain = new LinkedHashMap<>();

    private RoutingTables() {
    }

    public static RoutingTables builder() {
        return new RoutingTables();
    }

    public static Endpoint endpoint(String address, int port, int weight) {
        return new Endpoint(address, port, weight, Map.of());
    }

    public static String clusterName(String host) {
        return Cluster.nameOf(80, "", host);
    }

    /** A cluster named {@code outbound|80||<host>} with {@code endpoints} (none is legal). */
    public RoutingTables cluster(String host, Endpoint... endpoints) {
        String name = clusterName(host);
        clusters.put(name, new Cluster(name, host, 80, "", List.of(endpoints)));
        return this;
    }

    /** On Gateway {@code port}, domain {@code domain}: prefix {@code prefix} forwards to {@code host} (100%). */
    public RoutingTables route(int port, String domain, String prefix, String host) {
        return weightedRoute(port, domain, prefix, Map.of(host, 100));
    }

    /** On Gateway {@code port}, domain {@code domain}: prefix {@code prefix} splits across hosts by weight. */
    public RoutingTables weightedRoute(int port, String domain, String prefix, Map<String, Integer> weights) {
        List<WeightedDestination> destinations = new ArrayList<>();
        weights.forEach((host, weight) -> destinations.add(new WeightedDestination(host, clusterName(host), weight,
                Optional.ofNullable(clusters.get(clusterName(host))))));
        Route route = new Route(domain + prefix, List.of(new RequestMatch(new PathMatch.Prefix(prefix, false))),
                Forward.of(destinations));
        routesByPortAndDomain.computeIfAbsent(port, p -> new LinkedHashMap<>())
                .computeIfAbsent(domain, d -> new ArrayList<>()).add(route);
        return this;
    }

    public RoutingTable build() {
        Map<Integer, PortListener> listeners = new HashMap<>();
        routesByPortAndDomain.forEach((port, byDomain) -> {
            List<VirtualHost> virtualHosts = new ArrayList<>();
            byDomain.forEach((domain, routes) -> virtualHosts.add(new VirtualHost(List.of(domain), routes)));
            listeners.put(port, PortListener.http(port, VirtualHostMatcher.of(virtualHosts)));
        });
        return new RoutingTable(listeners, clusters, "test");
    }

    public SnapshotHolder holder() {
        return new SnapshotHolder(new ProxySnapshot(build(), 1));
    }
}
