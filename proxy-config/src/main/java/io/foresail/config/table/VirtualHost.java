package io.foresail.config.table;

import java.util.List;

/**
 * A set of domains served by one ordered list of routes. The first route whose match passes wins;
 * there is no fall-through to another virtual host. The routes are indexed when the record is
 * built, so lookup time does not grow with the number of exact and prefix routes.
 *
 * @param domains lower-case domains as the vhost was built ({@code a.example.com}, {@code *.example.com}, {@code *})
 * @param routes  routes in Istio order (VirtualServices in load order, catch-alls last)
 */
public record VirtualHost(List<String> domains, List<Route> routes) {

    public VirtualHost {
        domains = List.copyOf(domains);
        routes = IndexedRoutes.of(routes);
    }

    /**
     * The first route matching {@code request}, or {@code null} (the request then gets 404 {@code NR}).
     * Answered by the route index built with the record, not by scanning the routes one by one.
     */
    public Route route(RequestView request) {
        return ((IndexedRoutes) routes).firstMatch(request);
    }
}
