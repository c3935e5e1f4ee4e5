package io.foresail.config.table;

import java.util.Objects;

/**
 * One {@code mirror}/{@code mirrors} entry: a fire-and-forget copy of {@code percentage} of the
 * requests to {@code destination} (whose cluster may be missing: then nothing is mirrored).
 */
public record Mirror(WeightedDestination destination, Percentage percentage) {

    public Mirror {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(percentage, "percentage");
    }
}
