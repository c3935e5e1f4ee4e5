package io.foresail.config.model;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Istio's {@code HTTPFaultInjection} as written.
 *
 * @param delay {@code delay}, when written
 * @param abort {@code abort}, when written
 */
public record HttpFaultInjection(Optional<Delay> delay, Optional<Abort> abort) {

    public HttpFaultInjection {
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(abort, "abort");
    }

    /**
     * {@code delay}.
     *
     * @param type       the oneof {@code fixedDelay} / {@code exponentialDelay}, when written
     * @param percentage {@code percentage}, when written
     * @param percent    deprecated {@code percent} (an integer percentage), 0 when not written
     */
    public record Delay(Optional<DelayType> type, Optional<Percent> percentage, int percent) {
        public Delay {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(percentage, "percentage");
        }
    }

    /** The oneof of a delay: {@code fixedDelay} or {@code exponentialDelay}. */
    public sealed interface DelayType {
    }

    /** {@code delay.fixedDelay}. */
    public record FixedDelay(Duration value) implements DelayType {
        public FixedDelay {
            Objects.requireNonNull(value, "value");
        }
    }

    /** {@code delay.exponentialDelay} (rejected by Istio's validation). */
    public record ExponentialDelay(Duration value) implements DelayType {
        public ExponentialDelay {
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * {@code abort}.
     *
     * @param errorType  the oneof {@code httpStatus} / {@code grpcStatus} / {@code http2Error}, when written
     * @param percentage {@code percentage}, when written
     */
    public record Abort(Optional<ErrorType> errorType, Optional<Percent> percentage) {
        public Abort {
            Objects.requireNonNull(errorType, "errorType");
            Objects.requireNonNull(percentage, "percentage");
        }
    }

    /** The oneof of an abort: {@code httpStatus}, {@code grpcStatus} or {@code http2Error}. */
    public sealed interface ErrorType {
    }

    /** {@code abort.httpStatus}. */
    public record HttpStatus(int status) implements ErrorType {
    }

    /** {@code abort.grpcStatus}: a status name such as {@code UNAVAILABLE}, as written. */
    public record GrpcStatus(String name) implements ErrorType {
        public GrpcStatus {
            Objects.requireNonNull(name, "name");
        }
    }

    /** {@code abort.http2Error} (rejected by Istio's validation). */
    public record Http2Error(String name) implements ErrorType {
        public Http2Error {
            Objects.requireNonNull(name, "name");
        }
    }
}
