package io.foresail.config.model;

import java.util.Objects;
import java.util.Optional;

/**
 * One weighted destination of an HTTP route.
 *
 * @param destination where to send; empty when missing (a validation error)
 * @param weight      relative weight as written, 0 when not written
 */
public record HttpRouteDestination(Optional<Destination> destination, int weight) {

    public HttpRouteDestination {
        Objects.requireNonNull(destination, "destination");
    }
}
