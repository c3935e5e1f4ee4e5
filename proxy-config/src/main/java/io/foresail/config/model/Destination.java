package io.foresail.config.model;

import java.util.Objects;

/**
 * A route destination.
 *
 * @param host   service host as written (short name, FQDN)
 * @param subset DestinationRule subset name, or empty
 * @param port   {@code port.number}, or 0 when not written
 */
public record Destination(String host, String subset, int port) {

    public Destination {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(subset, "subset");
    }
}
