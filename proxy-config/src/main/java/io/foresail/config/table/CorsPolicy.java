package io.foresail.config.table;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Istio's {@code CorsPolicy}, compiled for Envoy's CORS filter: preflights from allowed origins
 * are answered by the proxy; actual requests from allowed origins get the response headers.
 *
 * @param allowOrigins           origin matchers ({@code allowOrigins}, plus deprecated {@code allowOrigin} as exact)
 * @param allowMethods           {@code Access-Control-Allow-Methods} value (joined with {@code ,}), or empty
 * @param allowHeaders           {@code Access-Control-Allow-Headers} value, or empty
 * @param exposeHeaders          {@code Access-Control-Expose-Headers} value, or empty
 * @param maxAge                 {@code Access-Control-Max-Age} in seconds, or empty
 * @param allowCredentials       {@code Access-Control-Allow-Credentials}, or empty when not written
 * @param forwardUnmatchedPreflights {@code unmatchedPreflights} FORWARD (default) rather than IGNORE
 */
public record CorsPolicy(List<StringMatch> allowOrigins, String allowMethods, String allowHeaders, String exposeHeaders,
                         Optional<String> maxAge, Optional<Boolean> allowCredentials,
                         boolean forwardUnmatchedPreflights) {

    public CorsPolicy {
        allowOrigins = List.copyOf(allowOrigins);
        Objects.requireNonNull(allowMethods, "allowMethods");
        Objects.requireNonNull(allowHeaders, "allowHeaders");
        Objects.requireNonNull(exposeHeaders, "exposeHeaders");
        Objects.requireNonNull(maxAge, "maxAge");
        Objects.requireNonNull(allowCredentials, "allowCredentials");
    }

    /** Whether {@code origin} (the request's {@code Origin}, or null) is allowed. */
    public boolean allowsOrigin(String origin) {
        if (origin == null) {
            return false;
        }
        for (StringMatch match : allowOrigins) {
            if (match.matches(origin)) {
                return true;
            }
        }
        return false;
    }
}
