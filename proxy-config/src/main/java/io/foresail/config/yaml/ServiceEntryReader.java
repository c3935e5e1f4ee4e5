package io.foresail.config.yaml;

import io.foresail.config.model.ResourceMeta;
import io.foresail.config.model.ServiceEntry;
import io.foresail.config.model.ServicePort;
import io.foresail.config.model.WorkloadEndpoint;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Binds a ServiceEntry {@code spec}. */
final class ServiceEntryReader {

    private ServiceEntryReader() {
    }

    static ServiceEntry read(ResourceMeta meta, Optional<MappingReader> spec, ParseSession session) {
        if (spec.isEmpty()) {
            return new ServiceEntry(meta, List.of(), List.of(), List.of(), "", "", List.of(), Map.of(),
                    session.positions());
        }
        MappingReader se = spec.get();
        List<String> hosts = se.strings("hosts");
        List<String> addresses = se.strings("addresses");
        List<ServicePort> ports = se.objects("ports", port -> new ServicePort(port.uint32("number"),
                port.string("protocol"), port.string("name"), port.uint32("targetPort")));
        String location = se.string("location");
        String resolution = se.string("resolution");
        List<WorkloadEndpoint> endpoints = se.objects("endpoints", ServiceEntryReader::endpoint);
        Map<String, String> workloadSelector = se.object("workloadSelector", selector -> selector.stringMap("labels"))
                .orElse(Map.of());
        se.unsupported("exportTo", IstioShapes.STRINGS);
        se.unsupported("subjectAltNames", IstioShapes.STRINGS);
        return new ServiceEntry(meta, hosts, addresses, ports, location, resolution, endpoints, workloadSelector,
                session.positions());
    }

    private static WorkloadEndpoint endpoint(MappingReader endpoint) {
        return new WorkloadEndpoint(endpoint.string("address"), endpoint.uint32Map("ports"),
                endpoint.stringMap("labels"), endpoint.string("network"), endpoint.string("locality"),
                endpoint.uint32("weight"), endpoint.string("serviceAccount"));
    }
}
