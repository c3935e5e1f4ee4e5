package io.foresail.config.table;

import io.foresail.config.model.ServiceEntry;
import io.foresail.config.model.ServicePort;
import io.foresail.config.model.Subset;
import io.foresail.config.model.WorkloadEndpoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the clusters routes refer to, once per name: endpoints of a ServiceEntry port, narrowed
 * to a DestinationRule subset when one is named, with the upstream TLS its DestinationRules set.
 */
final class ClusterBuilder {

    private final CompileContext context;
    private final UpstreamTlsTranslator upstreamTls;
    private final Map<String, Optional<Cluster>> byName = new LinkedHashMap<>();

    ClusterBuilder(CompileContext context, UpstreamTlsTranslator upstreamTls) {
        this.context = context;
        this.upstreamTls = upstreamTls;
    }

    /** The cluster for {@code (port, subset, host)} of {@code service}, or empty when the port or subset is undefined. */
    Optional<Cluster> cluster(ServiceEntry service, String host, int port, String subsetName) {
        String name = Cluster.nameOf(port, subsetName, host);
        return byName.computeIfAbsent(name, n -> build(n, service, host, port, subsetName));
    }

    Map<String, Cluster> clusters() {
        Map<String, Cluster> built = new LinkedHashMap<>();
        byName.forEach((name, cluster) -> cluster.ifPresent(c -> built.put(name, c)));
        return built;
    }

    private Optional<Cluster> build(String name, ServiceEntry service, String host, int port, String subsetName) {
        Optional<ServicePort> servicePort = service.ports().stream().filter(p -> p.number() == port).findFirst();
        if (servicePort.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> subsetLabels = Map.of();
        if (!subsetName.isEmpty()) {
            Optional<Subset> subset = context.registry().subset(host, subsetName);
            if (subset.isEmpty()) {
                return Optional.empty();
            }
            subsetLabels = subset.get().labels();
        }
        return Optional.of(new Cluster(name, host, port, subsetName, endpoints(service, host, servicePort.get(), subsetLabels),
                upstreamTls.translate(host, port, subsetName)));
    }

    private List<Endpoint> endpoints(ServiceEntry service, String host, ServicePort port, Map<String, String> subsetLabels) {
        String resolution = service.resolution().isEmpty() ? "NONE" : service.resolution();
        int defaultPort = port.targetPort() != 0 ? port.targetPort() : port.number();
        List<Endpoint> endpoints = new ArrayList<>();
        if (resolution.equals("NONE") || resolution.equals("DYNAMIC_DNS")) {
            context.warn(service, "spec.resolution", "resolution " + resolution
                    + " gives an ingress no endpoints: requests to " + host + " get 503 UH");
            return endpoints;
        }
        if (service.endpoints().isEmpty()) {
            if (resolution.startsWith("DNS") && subsetLabels.isEmpty() && !host.startsWith("*")) {
                endpoints.add(new Endpoint(host, defaultPort, 1, Map.of()));
            }
            return endpoints;
        }
        for (int i = 0; i < service.endpoints().size(); i++) {
            WorkloadEndpoint endpoint = service.endpoints().get(i);
            if (endpoint.address().startsWith("unix://") || endpoint.address().isEmpty()) {
                context.warn(service, "spec.endpoints[" + i + "].address",
                        "endpoints without an IP address or host name are not supported yet: skipped");
                continue;
            }
            if (!endpoint.labels().entrySet().containsAll(subsetLabels.entrySet())) {
                continue;
            }
            int endpointPort = endpoint.ports().getOrDefault(port.name(), defaultPort);
            endpoints.add(new Endpoint(endpoint.address(), endpointPort, Math.max(1, endpoint.weight()), endpoint.labels()));
        }
        return endpoints;
    }
}
