package io.foresail.config.model;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * One {@code HTTPRoute}.
 *
 * @param name              route name, or empty
 * @param match             OR-ed match blocks; empty means catch-all
 * @param route             weighted destinations (the forward action); empty when another action is used
 * @param unsupportedFields names of the Istio fields written on this route that are not supported yet
 *                          ({@code delegate}), kept so that validation and compilation know they were there
 * @param rewrite           {@code rewrite}, when written
 * @param redirect          {@code redirect}, when written
 * @param directResponse    {@code directResponse}, when written
 * @param headers           {@code headers}, {@link Headers#NONE} when not written
 * @param timeout           {@code timeout}, when written
 * @param retries           {@code retries}, when written
 * @param fault             {@code fault}, when written
 * @param mirror            {@code mirror}, when written
 * @param mirrorPercentage  {@code mirrorPercentage}, when written
 * @param mirrorPercent     deprecated {@code mirrorPercent} (also spelled {@code mirror_percent}), when written
 * @param mirrors           {@code mirrors}
 * @param corsPolicy        {@code corsPolicy}, when written
 */
public record HttpRoute(String name, List<HttpMatchRequest> match, List<HttpRouteDestination> route,
                        Set<String> unsupportedFields, Optional<HttpRewrite> rewrite, Optional<HttpRedirect> redirect,
                        Optional<HttpDirectResponse> directResponse, Headers headers, Optional<Duration> timeout,
                        Optional<HttpRetry> retries, Optional<HttpFaultInjection> fault, Optional<Destination> mirror,
                        Optional<Percent> mirrorPercentage, OptionalInt mirrorPercent, List<HttpMirror> mirrors,
                        Optional<CorsPolicy> corsPolicy) {

    public HttpRoute {
        Objects.requireNonNull(name, "name");
        match = List.copyOf(match);
        route = List.copyOf(route);
        unsupportedFields = Set.copyOf(unsupportedFields);
        Objects.requireNonNull(rewrite, "rewrite");
        Objects.requireNonNull(redirect, "redirect");
        Objects.requireNonNull(directResponse, "directResponse");
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(retries, "retries");
        Objects.requireNonNull(fault, "fault");
        Objects.requireNonNull(mirror, "mirror");
        Objects.requireNonNull(mirrorPercentage, "mirrorPercentage");
        Objects.requireNonNull(mirrorPercent, "mirrorPercent");
        mirrors = List.copyOf(mirrors);
        Objects.requireNonNull(corsPolicy, "corsPolicy");
    }

    /** A route without timeout, retries, fault, mirrors or CORS policy. */
    public HttpRoute(String name, List<HttpMatchRequest> match, List<HttpRouteDestination> route,
                     Set<String> unsupportedFields, Optional<HttpRewrite> rewrite, Optional<HttpRedirect> redirect,
                     Optional<HttpDirectResponse> directResponse, Headers headers) {
        this(name, match, route, unsupportedFields, rewrite, redirect, directResponse, headers, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), OptionalInt.empty(), List.of(),
                Optional.empty());
    }

    /** A route without rewrite, redirect, direct response, header operations or forwarding policies. */
    public HttpRoute(String name, List<HttpMatchRequest> match, List<HttpRouteDestination> route,
                     Set<String> unsupportedFields) {
        this(name, match, route, unsupportedFields, Optional.empty(), Optional.empty(), Optional.empty(), Headers.NONE);
    }
}
