package io.foresail.config.table;

import java.util.Map;
import java.util.Objects;

/**
 * One upstream address.
 *
 * @param address IP address or host name as written in the ServiceEntry
 * @param port    the port to connect to (endpoint {@code ports[name]}, else {@code targetPort}, else {@code number})
 * @param weight  load-balancing weight, {@code >= 1} (0/unset is normalised to 1 as Istio does)
 * @param labels  endpoint labels, for subsets
 */
public record Endpoint(String address, int port, int weight, Map<String, String> labels) {

    public Endpoint {
        Objects.requireNonNull(address, "address");
        labels = Map.copyOf(labels);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 1..65535)");
        }
        if (weight < 1) {
            throw new IllegalArgumentException("weight: " + weight + " (expected: >= 1)");
        }
    }
}
