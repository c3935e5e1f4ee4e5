package io.foresail.config.table;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Istio's {@code HTTPFaultInjection}: a delay and/or an abort, each drawn independently per
 * request. Injected faults bypass the route's timeout and retries.
 */
public record FaultPolicy(Optional<Delay> delay, Optional<Abort> abort) {

    public FaultPolicy {
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(abort, "abort");
    }

    /** {@code delay.fixedDelay} for {@code percentage} of requests (Envoy flag {@code DI}). */
    public record Delay(Duration fixedDelay, Percentage percentage) {
        public Delay {
            Objects.requireNonNull(fixedDelay, "fixedDelay");
            Objects.requireNonNull(percentage, "percentage");
        }
    }

    /**
     * {@code abort} for {@code percentage} of requests (Envoy flag {@code FI}): answered with
     * {@code httpStatus}, or for {@code grpcStatus} with HTTP 200 and that {@code grpc-status} code.
     */
    public record Abort(int httpStatus, Optional<Integer> grpcStatus, Percentage percentage) {
        public Abort {
            Objects.requireNonNull(grpcStatus, "grpcStatus");
            Objects.requireNonNull(percentage, "percentage");
        }
    }
}
