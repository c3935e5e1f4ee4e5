package io.foresail.config.table;

import java.util.List;

/**
 * A set of domains served by one ordered list of routes. The first route whose match passes wins;
 * there is no fall-through to another virtual host.
 *
 * @param domains lower-case domains as the vhost was built ({@code a.example.com}, {@code *.example.com}, {@code *})
 * @param routes  routes in Istio order (VirtualServices in load order, catch-alls last)
 */
public record VirtualHost(List<String> domains, List<Route> routes) {

    public VirtualHost {
        domains = List.copyOf(domains);
        routes = List.copyOf(routes);
    }

    /** The first route matching {@code request}, or {@code null} (the request then gets 404 {@code NR}). */
    public Route route(RequestView request) {
        for (Route route : routes) {
            if (route.matches(request)) {
                return route;
            }
        }
        return null;
    }
}
