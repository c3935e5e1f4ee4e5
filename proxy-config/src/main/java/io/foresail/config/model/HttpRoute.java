package io.foresail.config.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
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
 * @param rewrite           {@code rewrite}, when written
 * @param redirect          {@code redirect}, when written
 * @param directResponse    {@code directResponse}, when written
 * @param headers           {@code headers}, {@link Headers#NONE} when not written
 */
public record HttpRoute(String name, List<HttpMatchRequest> match, List<HttpRouteDestination> route,
                        Set<String> unsupportedFields, Optional<HttpRewrite> rewrite, Optional<HttpRedirect> redirect,
                        Optional<HttpDirectResponse> directResponse, Headers headers) {

    public HttpRoute {
        Objects.requireNonNull(name, "name");
        match = List.copyOf(match);
        route = List.copyOf(route);
        unsupportedFields = Set.copyOf(unsupportedFields);
        Objects.requireNonNull(rewrite, "rewrite");
        Objects.requireNonNull(redirect, "redirect");
        Objects.requireNonNull(directResponse, "directResponse");
        Objects.requireNonNull(headers, "headers");
    }

    /** A route without rewrite, redirect, direct response or header operations. */
    public HttpRoute(String name, List<HttpMatchRequest> match, List<HttpRouteDestination> route,
                     Set<String> unsupportedFields) {
        this(name, match, route, unsupportedFields, Optional.empty(), Optional.empty(), Optional.empty(), Headers.NONE);
    }
}
