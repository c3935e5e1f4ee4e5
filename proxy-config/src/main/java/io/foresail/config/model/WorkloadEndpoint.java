package io.foresail.config.model;

import java.util.Map;
import java.util.Objects;

/**
 * One ServiceEntry endpoint (WorkloadEntry-shaped). Zero and empty mean "not written".
 *
 * @param address        IP, host name (DNS resolution) or {@code unix://} path
 * @param ports          endpoint port by service port name
 * @param labels         endpoint labels, for subsets
 * @param weight         load-balancing weight; 0 means 1
 */
public record WorkloadEndpoint(String address, Map<String, Integer> ports, Map<String, String> labels,
                               String network, String locality, int weight, String serviceAccount) {

    public WorkloadEndpoint {
        Objects.requireNonNull(address, "address");
        ports = Map.copyOf(ports);
        labels = Map.copyOf(labels);
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(locality, "locality");
        Objects.requireNonNull(serviceAccount, "serviceAccount");
    }
}
