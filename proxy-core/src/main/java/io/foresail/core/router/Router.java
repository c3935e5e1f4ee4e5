package io.foresail.core.router;

import io.foresail.config.table.DirectResponseAction;
import io.foresail.config.table.Forward;
import io.foresail.config.table.HttpRoutes;
import io.foresail.config.table.PortListener;
import io.foresail.config.table.RedirectAction;
import io.foresail.config.table.Route;
import io.foresail.config.table.VirtualHost;
import io.foresail.config.table.WeightedDestination;
import io.foresail.core.http.ResponseFlag;
import io.foresail.core.runtime.ProxySnapshot;
import io.foresail.core.upstream.TicketSource;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Objects;

/**
 * Decides what happens to a request from its head alone, the way an Istio gateway's Envoy does:
 * listener of the Gateway port → virtual host by authority → first matching route → one of the
 * route's weighted destinations. A pure function of its arguments and the ticket source: no
 * channels, no event loops, no mutable state.
 */
public final class Router {

    /** No virtual host or route: Envoy answers 404 with an empty body. */
    static final RouteDecision.LocalReply NO_ROUTE =
            new RouteDecision.LocalReply(HttpResponseStatus.NOT_FOUND, ResponseFlag.NR, "");
    /** The chosen destination names no known cluster. */
    static final RouteDecision.LocalReply NO_CLUSTER =
            new RouteDecision.LocalReply(HttpResponseStatus.SERVICE_UNAVAILABLE, ResponseFlag.NC, "");

    private final TicketSource tickets;

    /** @param tickets draws the ticket that picks among a route's weighted destinations */
    public Router(TicketSource tickets) {
        this.tickets = Objects.requireNonNull(tickets, "tickets");
    }

    /**
     * Routes one request.
     *
     * @param snapshot    the snapshot read once for this request
     * @param gatewayPort the configured Gateway port of the listener that accepted the request
     * @param request     the request head: authority (Host, possibly with a port; empty when
     *                    absent), path without query, headers
     */
    public RouteDecision route(ProxySnapshot snapshot, int gatewayPort, RequestHeadView request) {
        PortListener listener = snapshot.table().listener(gatewayPort);
        return route(listener == null ? null : listener.plaintextHttp(), request);
    }

    /**
     * Routes one request of a connection whose routes are {@code connection}'s in {@code snapshot}
     * (the plaintext routes of its port, or those of its TLS chain, found again by name).
     */
    public RouteDecision route(ProxySnapshot snapshot, ConnectionRoutes connection, RequestHeadView request) {
        return route(connection.in(snapshot), request);
    }

    /**
     * Envoy's {@code require_tls: ALL} ({@code SslRedirector}): 301 to {@code https://} + the
     * Host as received, port included + {@code :path} (the routed path and the query as received).
     */
    private static RouteDecision.Redirect httpsRedirect(RequestHeadView request) {
        return new RouteDecision.Redirect(HttpResponseStatus.MOVED_PERMANENTLY,
                "https://" + request.authority() + request.originFormTarget());
    }

    /**
     * Routes one request through {@code routes}, the route configuration of the connection's
     * listener or TLS chain in the snapshot read for this request ({@code null}: none, 404 NR).
     */
    public RouteDecision route(HttpRoutes routes, RequestHeadView request) {
        if (routes == null) {
            return NO_ROUTE;
        }
        VirtualHost virtualHost = routes.virtualHosts().match(request.authority());
        if (virtualHost == null) {
            return NO_ROUTE;
        }
        if (virtualHost.requireTls() && !request.secure()) {
            return httpsRedirect(request);
        }
        Route route = virtualHost.route(request);
        if (route == null) {
            return NO_ROUTE;
        }
        if (route.action() instanceof Forward forward) {
            WeightedDestination destination = forward.destinations().size() == 1
                    ? forward.destinations().get(0)
                    : forward.pick(tickets.next(forward.totalWeight()));
            if (destination.cluster().isEmpty()) {
                return NO_CLUSTER;
            }
            return new RouteDecision.Forward(route, destination, destination.cluster().get());
        }
        if (route.action() instanceof RedirectAction redirect) {
            return new RouteDecision.Redirect(HttpResponseStatus.valueOf(redirect.code()),
                    RedirectLocations.of(redirect, request), route.filters().headers().response());
        }
        DirectResponseAction response = (DirectResponseAction) route.action();
        return new RouteDecision.DirectResponse(HttpResponseStatus.valueOf(response.status()), response.body(),
                route.filters().headers().response());
    }
}
