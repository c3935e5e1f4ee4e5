package io.foresail.config.model;

import java.util.List;

/** One {@code TCPRoute}. */
public record TcpRoute(List<L4Match> match, List<RouteDestination> route) {

    public TcpRoute {
        match = List.copyOf(match);
        route = List.copyOf(route);
    }
}
