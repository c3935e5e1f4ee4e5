package io.foresail.config.model;

import java.util.Objects;
import java.util.Optional;

/**
 * One entry of a route's {@code mirrors} ({@code HTTPMirrorPolicy}) as written.
 *
 * @param destination {@code destination}; empty when missing (a validation error)
 * @param percentage  {@code percentage}, when written
 */
public record HttpMirror(Optional<Destination> destination, Optional<Percent> percentage) {

    public HttpMirror {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(percentage, "percentage");
    }
}
