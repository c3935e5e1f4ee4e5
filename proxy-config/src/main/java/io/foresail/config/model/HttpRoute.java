package io.foresail.config.model;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One {@code HTTPRoute}.
 *
 * @param name              route name, or empty
 * @param match             OR-ed match blocks; empty means catch-all
 * @param route             weighted destinations (the forward action); empty when another action is used
 * @param unsupportedFields names of the Istio fields written on this route that are not supported yet
 *                          ({@code redirect}, {@code rewrite}, {@code timeout}, ...), kept so that
 *                          validation and compilation know they were there
 */
public record HttpRoute(String name, List<HttpMatchRequest> match, List<HttpRouteDestination> route,
                        Set<String> unsupportedFields) {

    public HttpRoute {
        Objects.requireNonNull(name, "name");
        match = List.copyOf(match);
        route = List.copyOf(route);
        unsupportedFields = Set.copyOf(unsupportedFields);
    }
}
