package io.foresail.config.table;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link Forward} route sends the request: rewrites, timeout, retries and mirrors.
 *
 * @param pathRewrite the {@code rewrite.uri} / {@code rewrite.uriRegexRewrite} of the route, or empty
 * @param authority   the Host to send upstream ({@code rewrite.authority}, or a route-level header
 *                    {@code set} of {@code host}); a destination's own authority applies only when empty
 * @param timeout     {@code timeout}: time allowed until the response head; empty means none (Istio's default)
 * @param retries     {@code retries}, or {@link RetryPolicy#ISTIO_DEFAULT} when absent
 * @param mirrors     {@code mirror}/{@code mirrors}, each with its percentage
 */
public record ForwardPolicy(Optional<PathRewrite> pathRewrite, Optional<String> authority, Optional<Duration> timeout,
                            RetryPolicy retries, List<Mirror> mirrors) {

    /** No rewrite, no timeout, Istio's default retries, no mirror. */
    public static final ForwardPolicy DEFAULT = new ForwardPolicy(Optional.empty(), Optional.empty(), Optional.empty(),
            RetryPolicy.ISTIO_DEFAULT, List.of());

    public ForwardPolicy {
        Objects.requireNonNull(pathRewrite, "pathRewrite");
        Objects.requireNonNull(authority, "authority");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(retries, "retries");
        mirrors = List.copyOf(mirrors);
    }
}
