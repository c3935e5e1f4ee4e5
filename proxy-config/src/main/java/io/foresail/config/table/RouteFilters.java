package io.foresail.config.table;

import java.util.Objects;
import java.util.Optional;

/**
 * What a route does to a request whatever its action (Envoy's per-route filter configuration):
 * header operations, CORS and fault injection. Rewrites, timeouts, retries and mirrors only make
 * sense when forwarding and live in {@link ForwardPolicy}.
 *
 * @param headers route-level {@code headers} ({@code request} ones only apply when forwarding;
 *                {@code response} ones apply to every answer of the route, local ones included)
 * @param cors    {@code corsPolicy}, or empty
 * @param fault   {@code fault}, or empty
 */
public record RouteFilters(HeaderRewrites headers, Optional<CorsPolicy> cors, Optional<FaultPolicy> fault) {

    public static final RouteFilters NONE = new RouteFilters(HeaderRewrites.NONE, Optional.empty(), Optional.empty());

    public RouteFilters {
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(cors, "cors");
        Objects.requireNonNull(fault, "fault");
    }
}
