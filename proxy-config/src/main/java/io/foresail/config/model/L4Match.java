package io.foresail.config.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** One {@code L4MatchAttributes} block of a TCP route. */
public record L4Match(List<String> destinationSubnets, int port, List<String> gateways,
                      Map<String, String> sourceLabels, String sourceNamespace) {

    public L4Match {
        destinationSubnets = List.copyOf(destinationSubnets);
        gateways = List.copyOf(gateways);
        sourceLabels = Map.copyOf(sourceLabels);
        Objects.requireNonNull(sourceNamespace, "sourceNamespace");
    }
}
