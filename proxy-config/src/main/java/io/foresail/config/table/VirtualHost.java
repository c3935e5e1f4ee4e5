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

    /** The first route matching {@code path} (the request path without its query), or {@code null}. */
    public Route route(String path) {
        for (Route route : routes) {
            if (route.matches(path)) {
                return route;
            }
        }
        return null;
    }
}
