package io.foresail.config.model;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Istio's {@code CorsPolicy} as written.
 *
 * @param allowOrigins        {@code allowOrigins}
 * @param allowOrigin         deprecated {@code allowOrigin} (exact origins)
 * @param allowMethods        {@code allowMethods}
 * @param allowHeaders        {@code allowHeaders}
 * @param exposeHeaders       {@code exposeHeaders}
 * @param maxAge              {@code maxAge}, when written
 * @param allowCredentials    {@code allowCredentials}, when written
 * @param unmatchedPreflights {@code unmatchedPreflights} ({@code UNSPECIFIED}, {@code FORWARD} or {@code IGNORE}),
 *                            empty when not written
 */
public record CorsPolicy(List<StringMatch> allowOrigins, List<String> allowOrigin, List<String> allowMethods,
                         List<String> allowHeaders, List<String> exposeHeaders, Optional<Duration> maxAge,
                         Optional<Boolean> allowCredentials, String unmatchedPreflights) {

    public static final String UNSPECIFIED = "UNSPECIFIED";
    public static final String FORWARD = "FORWARD";
    public static final String IGNORE = "IGNORE";

    public CorsPolicy {
        allowOrigins = List.copyOf(allowOrigins);
        allowOrigin = List.copyOf(allowOrigin);
        allowMethods = List.copyOf(allowMethods);
        allowHeaders = List.copyOf(allowHeaders);
        exposeHeaders = List.copyOf(exposeHeaders);
        Objects.requireNonNull(maxAge, "maxAge");
        Objects.requireNonNull(allowCredentials, "allowCredentials");
        Objects.requireNonNull(unmatchedPreflights, "unmatchedPreflights");
    }
}
