package io.foresail.config.model;

import java.util.Objects;
import java.util.Optional;

/** One weighted destination of a TCP or TLS route. */
public record RouteDestination(Optional<Destination> destination, int weight) {

    public RouteDestination {
        Objects.requireNonNull(destination, "destination");
    }
}
