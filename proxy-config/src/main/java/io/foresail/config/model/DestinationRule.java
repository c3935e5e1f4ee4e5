package io.foresail.config.model;

import java.util.List;
import java.util.Objects;

/**
 * {@code DestinationRule}: named subsets of a service's endpoints. Traffic policies are parsed
 * but not supported yet (a warning names them).
 *
 * @param host    service host as written (short name, FQDN, {@code *.suffix})
 * @param subsets subsets in the order written
 */
public record DestinationRule(ResourceMeta meta, String host, List<Subset> subsets, FieldPositions positions)
        implements IstioResource {

    public DestinationRule {
        Objects.requireNonNull(meta, "meta");
        Objects.requireNonNull(host, "host");
        subsets = List.copyOf(subsets);
        Objects.requireNonNull(positions, "positions");
    }
}
