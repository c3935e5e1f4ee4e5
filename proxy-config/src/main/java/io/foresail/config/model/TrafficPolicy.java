package io.foresail.config.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The modelled part of a DestinationRule {@code trafficPolicy} (top level or a subset's): its
 * {@code tls} and the {@code tls} of each {@code portLevelSettings} entry. Its other fields are
 * parsed and reported as not supported yet.
 */
public record TrafficPolicy(Optional<ClientTls> tls, List<PortTrafficPolicy> portLevelSettings) {

    public TrafficPolicy {
        Objects.requireNonNull(tls, "tls");
        portLevelSettings = List.copyOf(portLevelSettings);
    }

    /** One {@code portLevelSettings} entry: the port it applies to and its {@code tls}. */
    public record PortTrafficPolicy(int port, Optional<ClientTls> tls) {

        public PortTrafficPolicy {
            Objects.requireNonNull(tls, "tls");
        }
    }
}
