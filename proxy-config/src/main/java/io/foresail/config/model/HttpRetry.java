package io.foresail.config.model;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Istio's {@code HTTPRetry} as written.
 *
 * @param attempts                 {@code attempts}, 0 when not written (which disables retries)
 * @param perTryTimeout            {@code perTryTimeout}, when written
 * @param retryOn                  {@code retryOn} as written (comma-separated policies and status codes), empty when not written
 * @param retryRemoteLocalities    {@code retryRemoteLocalities}, when written
 * @param retryIgnorePreviousHosts {@code retryIgnorePreviousHosts}, when written
 * @param backoff                  {@code backoff}, when written
 */
public record HttpRetry(int attempts, Optional<Duration> perTryTimeout, String retryOn,
                        Optional<Boolean> retryRemoteLocalities, Optional<Boolean> retryIgnorePreviousHosts,
                        Optional<Duration> backoff) {

    public HttpRetry {
        Objects.requireNonNull(perTryTimeout, "perTryTimeout");
        Objects.requireNonNull(retryOn, "retryOn");
        Objects.requireNonNull(retryRemoteLocalities, "retryRemoteLocalities");
        Objects.requireNonNull(retryIgnorePreviousHosts, "retryIgnorePreviousHosts");
        Objects.requireNonNull(backoff, "backoff");
    }
}
