package io.foresail.config.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** One {@code TLSMatchAttributes} block. */
public record TlsMatch(List<String> sniHosts, List<String> destinationSubnets, int port, List<String> gateways,
                       Map<String, String> sourceLabels, String sourceNamespace) {

    public TlsMatch {
        sniHosts = List.copyOf(sniHosts);
        destinationSubnets = List.copyOf(destinationSubnets);
        gateways = List.copyOf(gateways);
        sourceLabels = Map.copyOf(sourceLabels);
        Objects.requireNonNull(sourceNamespace, "sourceNamespace");
    }
}
