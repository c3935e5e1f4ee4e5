package io.foresail.core.testing;

import io.foresail.config.table.Cluster;
import io.foresail.config.table.Endpoint;
import io.foresail.config.table.ChainTarget;
import io.foresail.config.table.Forward;
import io.foresail.config.table.ForwardPolicy;
import io.foresail.config.table.HttpRoutes;
import io.foresail.config.table.Mirror;
import io.foresail.config.table.Percentage;
import io.foresail.config.table.PortListener;
import io.foresail.config.table.PathMatch;
import io.foresail.config.table.RequestMatch;
import io.foresail.config.table.RetryPolicy;
import io.foresail.config.table.Route;
import io.foresail.config.table.RouteFilters;
import io.foresail.config.table.RouteOrigin;
import io.foresail.config.table.RoutingTable;
import io.foresail.config.table.ServerTlsSettings;
import io.foresail.config.table.TcpForward;
import io.foresail.config.table.TlsChain;
import io.foresail.config.table.UpstreamTlsSettings;
import io.foresail.config.table.VirtualHost;
import io.foresail.config.table.VirtualHostMatcher;
import io.foresail.config.table.WeightedDestination;
import io.foresail.core.runtime.ProxySnapshot;
import io.foresail.core.runtime.SnapshotHolder;
import io.foresail.tls.context.TlsContexts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds {@link RoutingTable}s directly from the contract records, for tests:
 * <pre>{@code
 * RoutingTables.builder()
 *     .cluster("web", endpoint("127.0.0.1", 8080, 1))
 *     .route(80, "example.com", "/", "web")
 *     .build();
 * }</pre>
 * TLS chains ({@link #terminatingChain}, {@link #passthroughChain}), plaintext TCP forwards
 * ({@link #tcpForward}) and HTTPS redirects ({@link #httpsRedirect}) join the ports' listeners.
 * Routes with a {@link ForwardPolicy} ({@link #routeWithPolicy})
 * carry mirrors, built with {@link #mirror} and {@link #mirroring}.
 */
public final class RoutingTables {

    private final Map<String, Cluster> clusters = new HashMap<>();
    private final Map<Integer, Map<String, List<Route>>> routesByPortAndDomain = new LinkedHashMap<>();
    private final Map<Integer, List<TlsChain>> chainsByPort = new HashMap<>();
    private final Map<Integer, TcpForward> tcpByPort = new HashMap<>();
    private final Set<String> redirectingDomains = new HashSet<>();

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

    /**
     * On Gateway {@code port}, domain {@code domain}: prefix {@code prefix} forwards to {@code host}
     * (100%) with the route's {@code filters} (header operations, CORS, fault injection).
     */
    public RoutingTables route(int port, String domain, String prefix, String host, RouteFilters filters) {
        return weightedRoute(port, domain, prefix, Map.of(host, 100), filters);
    }

    /** A cluster named {@code outbound|80||<host>} that originates TLS with {@code settings} to its {@code endpoints}. */
    public RoutingTables tlsCluster(String host, UpstreamTlsSettings settings, Endpoint... endpoints) {
        String name = clusterName(host);
        clusters.put(name, new Cluster(name, host, 80, "", List.of(endpoints), Optional.of(settings)));
        return this;
    }

    /**
     * On Gateway {@code port}, domain {@code domain}: prefix {@code prefix} forwards to {@code host}
     * with {@code policy} (timeout, retries, mirrors, rewrites).
     */
    public RoutingTables routeWithPolicy(int port, String domain, String prefix, String host, ForwardPolicy policy) {
        Route route = new Route(domain + prefix, List.of(new RequestMatch(new PathMatch.Prefix(prefix, false))),
                Forward.of(List.of(destination(host)), policy));
        routesByPortAndDomain.computeIfAbsent(port, p -> new LinkedHashMap<>())
                .computeIfAbsent(domain, d -> new ArrayList<>()).add(route);
        return this;
    }

    /**
     * A mirror of {@code percentage} of the requests to the cluster of {@code host}, as added so
     * far (none added: a mirror whose cluster is missing).
     */
    public Mirror mirror(String host, Percentage percentage) {
        return new Mirror(destination(host), percentage);
    }

    /** A policy with {@code mirrors} and nothing else: no rewrite, no timeout, Istio's default retries. */
    public static ForwardPolicy mirroring(Mirror... mirrors) {
        return new ForwardPolicy(Optional.empty(), Optional.empty(), Optional.empty(), RetryPolicy.ISTIO_DEFAULT,
                List.of(mirrors));
    }

    /** On Gateway {@code port}, domain {@code domain}: prefix {@code prefix} splits across hosts by weight. */
    public RoutingTables weightedRoute(int port, String domain, String prefix, Map<String, Integer> weights) {
        return weightedRoute(port, domain, prefix, weights, RouteFilters.NONE);
    }

    private RoutingTables weightedRoute(int port, String domain, String prefix, Map<String, Integer> weights,
                                        RouteFilters filters) {
        List<WeightedDestination> destinations = new ArrayList<>();
        weights.forEach((host, weight) -> destinations.add(new WeightedDestination(host, clusterName(host), weight,
                Optional.ofNullable(clusters.get(clusterName(host))))));
        Route route = new Route(domain + prefix, List.of(new RequestMatch(new PathMatch.Prefix(prefix, false))),
                Forward.of(destinations), RouteOrigin.UNKNOWN, filters);
        routesByPortAndDomain.computeIfAbsent(port, p -> new LinkedHashMap<>())
                .computeIfAbsent(domain, d -> new ArrayList<>()).add(route);
        return this;
    }

    /** On plaintext {@code port}, domain {@code domain} answers 301 to {@code https://} (Gateway {@code tls.httpsRedirect}). */
    public RoutingTables httpsRedirect(int port, String domain) {
        redirectingDomains.add(port + "/" + domain);
        routesByPortAndDomain.computeIfAbsent(port, p -> new LinkedHashMap<>()).computeIfAbsent(domain, d -> new ArrayList<>());
        return this;
    }

    /**
     * On {@code port}, a TLS chain {@code name} for {@code serverNames} (none: match-all),
     * terminated with {@code tls}, whose HTTP routes send every path of {@code domain} to {@code host}.
     */
    public RoutingTables terminatingChain(int port, String name, List<String> serverNames, ServerTlsSettings tls,
                                          String domain, String host) {
        Route route = new Route(name + "/", List.of(new RequestMatch(new PathMatch.Prefix("/", false))),
                Forward.of(List.of(destination(host))));
        HttpRoutes routes = new HttpRoutes(name, VirtualHostMatcher.of(List.of(new VirtualHost(List.of(domain), List.of(route)))));
        return chain(port, new TlsChain(name, serverNames, Optional.of(tls), routes));
    }

    /** On {@code port}, a TLS chain {@code name} for {@code serverNames} terminated with {@code tls}, forwarding the decrypted bytes to {@code host}. */
    public RoutingTables terminatingTcpChain(int port, String name, List<String> serverNames, ServerTlsSettings tls,
                                             String host) {
        return chain(port, new TlsChain(name, serverNames, Optional.of(tls), forwardTo(name, host)));
    }

    /** On {@code port}, a passthrough TLS chain {@code name} for {@code serverNames}: the raw bytes go to {@code host}. */
    public RoutingTables passthroughChain(int port, String name, List<String> serverNames, String host) {
        return chain(port, new TlsChain(name, serverNames, Optional.empty(), forwardTo(name, host)));
    }

    /** Plaintext connections on {@code port} are forwarded, as bytes, to {@code host} (a {@code TCP} server). */
    public RoutingTables tcpForward(int port, String host) {
        tcpByPort.put(port, forwardTo("tcp." + port, host));
        return this;
    }

    private RoutingTables chain(int port, TlsChain chain) {
        chainsByPort.computeIfAbsent(port, p -> new ArrayList<>()).add(chain);
        return this;
    }

    private TcpForward forwardTo(String name, String host) {
        return new TcpForward(name, Forward.of(List.of(destination(host))));
    }

    private WeightedDestination destination(String host) {
        return new WeightedDestination(host, clusterName(host), 100, Optional.ofNullable(clusters.get(clusterName(host))));
    }

    public RoutingTable build() {
        Map<Integer, PortListener> listeners = new HashMap<>();
        Set<Integer> ports = new TreeSet<>(routesByPortAndDomain.keySet());
        ports.addAll(chainsByPort.keySet());
        ports.addAll(tcpByPort.keySet());
        for (int port : ports) {
            ChainTarget plaintext = tcpByPort.get(port);
            Map<String, List<Route>> byDomain = routesByPortAndDomain.get(port);
            if (byDomain != null) {
                List<VirtualHost> virtualHosts = new ArrayList<>();
                byDomain.forEach((domain, routes) -> virtualHosts.add(new VirtualHost(List.of(domain), routes,
                        redirectingDomains.contains(port + "/" + domain))));
                plaintext = new HttpRoutes("http." + port, VirtualHostMatcher.of(virtualHosts));
            }
            listeners.put(port, new PortListener(port, Optional.ofNullable(plaintext), chainsByPort.getOrDefault(port, List.of())));
        }
        return new RoutingTable(listeners, clusters, "test");
    }

    public SnapshotHolder holder() {
        return new SnapshotHolder(new ProxySnapshot(build(), 1));
    }

    /** A holder of this table with {@code tls} as its contexts. */
    public SnapshotHolder holder(TlsContexts tls) {
        return new SnapshotHolder(new ProxySnapshot(build(), tls, 1));
    }
}
