package io.foresail.config.table;

import io.foresail.config.model.Destination;
import io.foresail.config.model.HttpMirror;
import io.foresail.config.model.HttpRoute;
import io.foresail.config.model.HttpRouteDestination;
import io.foresail.config.model.RouteDestination;
import io.foresail.config.model.ServiceEntry;
import io.foresail.config.validate.ServiceRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns a route's weighted destinations into a {@link Forward}: hosts resolved, ports chosen
 * (explicit, else the service's only port, else the listener port), zero weights dropped when
 * there are several destinations, and clusters attached when they exist.
 */
final class DestinationTranslator {

    private final CompileContext context;
    private final ClusterBuilder clusters;

    DestinationTranslator(CompileContext context, ClusterBuilder clusters) {
        this.context = context;
        this.clusters = clusters;
    }

    /** The forward action, or empty when no destination is usable (validation has already reported why). */
    Optional<Forward> translate(List<HttpRouteDestination> written, String namespace, int listenerPort) {
        List<WeightedDestination> destinations = new ArrayList<>();
        boolean single = written.size() == 1;
        for (HttpRouteDestination routeDestination : written) {
            if (routeDestination.destination().isEmpty() || (!single && routeDestination.weight() <= 0)) {
                continue;
            }
            int weight = routeDestination.weight() > 0 ? routeDestination.weight() : 1;
            destinations.add(destination(routeDestination.destination().get(), weight, namespace, listenerPort,
                    HeaderRewritesTranslator.translate(routeDestination.headers())));
        }
        return destinations.isEmpty() ? Optional.empty() : Optional.of(Forward.of(destinations));
    }

    /** The forward of a TCP or TLS route's {@code route[]}, or empty when no destination is usable. */
    Optional<Forward> translateL4(List<RouteDestination> written, String namespace, int listenerPort) {
        return translate(written.stream().map(route -> new HttpRouteDestination(route.destination(), route.weight()))
                .toList(), namespace, listenerPort);
    }

    /**
     * The route's {@code mirror} (with {@code mirrorPercentage}, else deprecated {@code mirrorPercent},
     * else 100%) or {@code mirrors} (each with its {@code percentage}, else 100%), their destinations
     * resolved to clusters as route destinations are. A mirror of 0% is left out, as Istio leaves
     * out its mirror policy.
     */
    List<Mirror> mirrors(HttpRoute http, String namespace, int listenerPort) {
        List<Mirror> mirrors = new ArrayList<>();
        http.mirror().ifPresent(destination -> {
            Percentage percentage = http.mirrorPercentage().isPresent()
                    ? Percentages.of(http.mirrorPercentage().get().value())
                    : http.mirrorPercent().isPresent() ? Percentages.of(http.mirrorPercent().getAsInt()) : Percentage.ALWAYS;
            addMirror(mirrors, destination, percentage, namespace, listenerPort);
        });
        for (HttpMirror mirror : http.mirrors()) {
            mirror.destination().ifPresent(destination -> addMirror(mirrors, destination,
                    Percentages.of(mirror.percentage(), Percentage.ALWAYS), namespace, listenerPort));
        }
        return mirrors;
    }

    private void addMirror(List<Mirror> mirrors, Destination destination, Percentage percentage, String namespace,
                           int listenerPort) {
        if (!percentage.isNever()) {
            mirrors.add(new Mirror(destination(destination, 1, namespace, listenerPort, HeaderRewrites.NONE), percentage));
        }
    }

    private WeightedDestination destination(Destination destination, int weight, String namespace, int listenerPort,
                                            HeaderRewrites headers) {
        ServiceRegistry.ResolvedHost resolved = context.registry().resolve(destination.host(), namespace);
        int port = destination.port();
        if (port == 0) {
            port = resolved.service().filter(service -> service.ports().size() == 1)
                    .map(service -> service.ports().get(0).number()).orElse(listenerPort);
        }
        String clusterName = Cluster.nameOf(port, destination.subset(), resolved.host());
        Optional<Cluster> cluster = Optional.empty();
        if (resolved.service().isPresent()) {
            ServiceEntry service = resolved.service().get();
            cluster = clusters.cluster(service, resolved.host(), port, destination.subset());
        }
        return new WeightedDestination(resolved.host(), clusterName, weight, cluster, headers);
    }
}
