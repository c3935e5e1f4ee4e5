package io.foresail.config.table;

import java.util.List;
import java.util.Objects;

/**
 * One HTTP route: a request matches when any of its {@link RequestMatch} blocks passes (an empty
 * list matches everything), and then the {@link RouteAction} decides what happens.
 *
 * @param name    the route name as Istio forms it (VirtualService route name, or a generated one);
 *                used in logs and metrics
 * @param matches the OR-ed match blocks; empty means catch-all, i.e. Envoy's prefix {@code /}: every
 *                origin-form path, but not an asterisk-form ({@code OPTIONS *}) or authority-form target
 * @param action  what to do with a matching request
 * @param origin  the VirtualService rule it was compiled from
 * @param filters header operations, CORS and fault injection, whatever the action
 */
public record Route(String name, List<RequestMatch> matches, RouteAction action, RouteOrigin origin,
                    RouteFilters filters) {

    public Route {
        Objects.requireNonNull(name, "name");
        matches = List.copyOf(matches);
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(filters, "filters");
    }

    /** A route without header operations, CORS or faults. */
    public Route(String name, List<RequestMatch> matches, RouteAction action, RouteOrigin origin) {
        this(name, matches, action, origin, RouteFilters.NONE);
    }

    /** A route built in code, with no source file. */
    public Route(String name, List<RequestMatch> matches, RouteAction action) {
        this(name, matches, action, RouteOrigin.UNKNOWN, RouteFilters.NONE);
    }

    public boolean matches(RequestView request) {
        if (matches.isEmpty()) {
            return request.path().startsWith("/");
        }
        for (RequestMatch match : matches) {
            if (match.matches(request)) {
                return true;
            }
        }
        return false;
    }
}
