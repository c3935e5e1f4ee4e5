package io.foresail.config.model;

import java.util.Map;
import java.util.Objects;

/**
 * A DestinationRule subset: the endpoints whose labels include all of {@code labels}.
 */
public record Subset(String name, Map<String, String> labels) {

    public Subset {
        Objects.requireNonNull(name, "name");
        labels = Map.copyOf(labels);
    }
}
