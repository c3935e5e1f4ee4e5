package io.foresail.config.table;

import java.util.List;

/**
 * A set of domains served by one ordered list of routes. The first route whose match passes wins;
 * there is no fall-through to another virtual host. The routes are indexed when the record is
 * built, so lookup time does not grow with the number of exact and prefix routes.
 *
 * @param domains lower-case domains as the vhost was built ({@code a.example.com}, {@code *.example.com}, {@code *})
 * @param routes     routes in Istio order (VirtualServices in load order, catch-alls last)
 * @param requireTls true for the hosts of a server with {@code tls.httpsRedirect}: every request is
 *                   answered 301 to {@code https://}, before any route is consulted (Envoy {@code require_tls: ALL})
 */
public record VirtualHost(List<String> domains, List<Route> routes, boolean requireTls) {

    public VirtualHost {
        domains = List.copyOf(domains);
        routes = IndexedRoutes.of(routes);
    }

    /** A virtual host that serves its routes (no HTTPS redirect). */
    public VirtualHost(List<String> domains, List<Route> routes) {
        this(domains, routes, false);
    }

    /**
     * The first route matching {@code request}, or {@code null} (the request then gets 404 {@code NR}).
     * Answered by the route index built with the record, not by scanning the routes one by one.
     */
    public Route route(RequestView request) {
        return ((IndexedRoutes) routes).firstMatch(request);
    }
}
