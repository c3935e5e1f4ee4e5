package io.foresail.config.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code DestinationRule}: named subsets of a service's endpoints and their traffic policies (of
 * which only {@code tls} is modelled; the other policy fields are reported as not supported yet).
 *
 * @param host          service host as written (short name, FQDN, {@code *.suffix})
 * @param trafficPolicy the top-level traffic policy, if written
 * @param subsets       subsets in the order written
 */
public record DestinationRule(ResourceMeta meta, String host, Optional<TrafficPolicy> trafficPolicy,
                              List<Subset> subsets, FieldPositions positions) implements IstioResource {

    public DestinationRule {
        Objects.requireNonNull(meta, "meta");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(trafficPolicy, "trafficPolicy");
        subsets = List.copyOf(subsets);
        Objects.requireNonNull(positions, "positions");
    }

    /** A DestinationRule without a top-level traffic policy. */
    public DestinationRule(ResourceMeta meta, String host, List<Subset> subsets, FieldPositions positions) {
        this(meta, host, Optional.empty(), subsets, positions);
    }
}
