package io.foresail.core.metrics;

import java.util.Map;
import java.util.Objects;

/**
 * The destination half of Istio's standard metric labels, as a gateway without a mesh can know
 * them: the service from the route destination's host, the rest from the labels of the endpoint
 * the request went to; what cannot be known is {@value #UNKNOWN}, as Istio reports it.
 *
 * <ul>
 *   <li>{@code destination_service}: the host ({@code reviews.default.svc.cluster.local});</li>
 *   <li>{@code destination_service_name} and {@code _namespace}: split from a host
 *       {@code name.namespace.svc.<domain>} or {@code name.namespace}; any other host is the name,
 *       with an unknown namespace;</li>
 *   <li>{@code destination_app}: endpoint label {@code app}; {@code destination_version}:
 *       {@code version};</li>
 *   <li>{@code destination_canonical_service} and {@code _revision}: Istio's label precedence,
 *       {@code service.istio.io/canonical-name}, then {@code app.kubernetes.io/name}, then
 *       {@code app}; {@code service.istio.io/canonical-revision}, then
 *       {@code app.kubernetes.io/version}, then {@code version}.</li>
 * </ul>
 * The workload, its namespace, principal and cluster need the mesh's peer metadata: unknown.
 */
record DestinationLabels(String service, String serviceName, String serviceNamespace, String app, String version,
                         String canonicalService, String canonicalRevision) {

    static final String UNKNOWN = "unknown";

    /** A request or connection that reached no cluster: every destination label unknown. */
    static final DestinationLabels NONE = new DestinationLabels(UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN);

    DestinationLabels {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(serviceName, "serviceName");
        Objects.requireNonNull(serviceNamespace, "serviceNamespace");
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(canonicalService, "canonicalService");
        Objects.requireNonNull(canonicalRevision, "canonicalRevision");
    }

    /** The labels of a request to {@code host} through an endpoint labelled {@code endpointLabels} (empty: none picked). */
    static DestinationLabels of(String host, Map<String, String> endpointLabels) {
        String[] parts = host.split("\\.", -1);
        String name = host;
        String namespace = UNKNOWN;
        if ((parts.length == 2 || (parts.length >= 3 && parts[2].equals("svc"))) && !parts[0].isEmpty()
                && !parts[1].isEmpty()) {
            name = parts[0];
            namespace = parts[1];
        }
        return new DestinationLabels(host.isEmpty() ? UNKNOWN : host, name.isEmpty() ? UNKNOWN : name, namespace,
                first(endpointLabels, "app"), first(endpointLabels, "version"),
                first(endpointLabels, "service.istio.io/canonical-name", "app.kubernetes.io/name", "app"),
                first(endpointLabels, "service.istio.io/canonical-revision", "app.kubernetes.io/version", "version"));
    }

    private static String first(Map<String, String> labels, String... keys) {
        for (String key : keys) {
            String value = labels.get(key);
            if (value != null && !value.isEmpty()) {
                return value;
            }
        }
        return UNKNOWN;
    }
}
