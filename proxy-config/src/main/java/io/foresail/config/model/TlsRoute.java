package io.foresail.config.model;

import java.util.List;

/** One {@code TLSRoute} (SNI-routed passthrough). */
public record TlsRoute(List<TlsMatch> match, List<RouteDestination> route) {

    public TlsRoute {
        match = List.copyOf(match);
        route = List.copyOf(route);
    }
}
