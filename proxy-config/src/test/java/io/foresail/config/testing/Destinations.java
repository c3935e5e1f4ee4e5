package io.foresail.config.testing;

import io.foresail.config.table.Forward;
import io.foresail.config.table.HttpRoutes;
import io.foresail.config.table.RequestView;
import io.foresail.config.table.Route;
import io.foresail.config.table.RoutingTable;
import io.foresail.config.table.VirtualHost;
import io.foresail.config.table.WeightedDestination;
import java.util.stream.Collectors;

/** Where a compiled table sends a request: the cluster of the chosen route, or why there is none. */
public final class Destinations {

    /** No Gateway serves the port: the connection is refused. */
    public static final String NO_LISTENER = "no listener";
    /** The port is served but no virtual host takes the Host: 404 {@code NR}. */
    public static final String NO_VIRTUAL_HOST = "404 NR: no virtual host";
    /** The virtual host has no route for the request: 404 {@code NR}. */
    public static final String NO_ROUTE = "404 NR: no route";

    private Destinations() {
    }

    /**
     * The cluster name ({@code outbound|port|subset|host}) the route chosen for {@code request}
     * with Host {@code host} on gateway port {@code port} forwards to (several: joined by
     * {@code " + "}), or {@link #NO_LISTENER}, {@link #NO_VIRTUAL_HOST}, {@link #NO_ROUTE}.
     */
    public static String of(RoutingTable table, int port, String host, RequestView request) {
        HttpRoutes routes = table.listener(port) == null ? null : table.listener(port).plaintextHttp();
        if (routes == null) {
            return NO_LISTENER;
        }
        VirtualHost virtualHost = routes.virtualHosts().match(host);
        if (virtualHost == null) {
            return NO_VIRTUAL_HOST;
        }
        Route route = virtualHost.route(request);
        if (route == null) {
            return NO_ROUTE;
        }
        if (!(route.action() instanceof Forward forward)) {
            return route.action().toString();
        }
        return forward.destinations().stream().map(WeightedDestination::clusterName).collect(Collectors.joining(" + "));
    }
}
