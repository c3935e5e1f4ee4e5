package io.foresail.config.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code ServiceEntry}: a service (hosts and ports) and where its endpoints are.
 *
 * @param hosts            hosts as written
 * @param addresses        virtual IPs / CIDRs (not used by an ingress)
 * @param ports            service ports
 * @param location         {@code MESH_EXTERNAL} (default when empty) or {@code MESH_INTERNAL}
 * @param resolution       {@code NONE} (default when empty), {@code STATIC}, {@code DNS}, {@code DNS_ROUND_ROBIN}, {@code DYNAMIC_DNS}
 * @param endpoints        inline endpoints
 * @param workloadSelector labels selecting WorkloadEntries (not supported yet)
 */
public record ServiceEntry(ResourceMeta meta, List<String> hosts, List<String> addresses, List<ServicePort> ports,
                           String location, String resolution, List<WorkloadEndpoint> endpoints,
                           Map<String, String> workloadSelector, FieldPositions positions) implements IstioResource {

    public ServiceEntry {
        Objects.requireNonNull(meta, "meta");
        hosts = List.copyOf(hosts);
        addresses = List.copyOf(addresses);
        ports = List.copyOf(ports);
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(resolution, "resolution");
        endpoints = List.copyOf(endpoints);
        workloadSelector = Map.copyOf(workloadSelector);
        Objects.requireNonNull(positions, "positions");
    }
}
