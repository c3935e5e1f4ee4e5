package io.foresail.config.model;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A DestinationRule subset: the endpoints whose labels include all of {@code labels}, with the
 * subset's own traffic policy (overlaid on the rule's) if written.
 */
public record Subset(String name, Map<String, String> labels, Optional<TrafficPolicy> trafficPolicy) {

    public Subset {
        Objects.requireNonNull(name, "name");
        labels = Map.copyOf(labels);
        Objects.requireNonNull(trafficPolicy, "trafficPolicy");
    }

    /** A subset without a traffic policy. */
    public Subset(String name, Map<String, String> labels) {
        this(name, labels, Optional.empty());
    }
}
