package io.foresail.config.model;

import java.util.Objects;
import java.util.Optional;

/**
 * One weighted destination of an HTTP route.
 *
 * @param destination where to send; empty when missing (a validation error)
 * @param weight      relative weight as written, 0 when not written
 * @param headers     this destination's {@code headers}, {@link Headers#NONE} when not written
 */
public record HttpRouteDestination(Optional<Destination> destination, int weight, Headers headers) {

    public HttpRouteDestination {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(headers, "headers");
    }

    /** A destination without header operations. */
    public HttpRouteDestination(Optional<Destination> destination, int weight) {
        this(destination, weight, Headers.NONE);
    }
}
