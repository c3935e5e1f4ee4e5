package io.foresail.core.upstream;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the proxy knows of one endpoint's health since the config was published: the outcome of
 * the connection attempts made to it from every event loop. Written by the loops without locks
 * (adders and volatile fields), read by the admin endpoint.
 */
public final class EndpointHealth {

    /** Why and when the last failed connection attempt failed. */
    public record Failure(String reason, Instant at) {

        public Failure {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(at, "at");
        }
    }

    private final LongAdder attempts = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private volatile boolean lastAttemptFailed;
    private volatile Failure lastFailure;

    void connected() {
        attempts.increment();
        lastAttemptFailed = false;
    }

    void connectFailed(Failure failure) {
        attempts.increment();
        failures.increment();
        lastFailure = failure;
        lastAttemptFailed = true;
    }

    /** True unless the last connection attempt failed (an endpoint never tried is healthy). */
    public boolean healthy() {
        return !lastAttemptFailed;
    }

    public long connectAttempts() {
        return attempts.sum();
    }

    public long connectFailures() {
        return failures.sum();
    }

    /** The last failed attempt, whatever came after it; empty when none failed. */
    public Optional<Failure> lastFailure() {
        return Optional.ofNullable(lastFailure);
    }
}
