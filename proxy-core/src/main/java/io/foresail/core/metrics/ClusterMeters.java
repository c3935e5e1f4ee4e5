package io.foresail.core.metrics;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one cluster's requests and connections are counted in: the Istio destination series of
 * each set of endpoint labels the cluster has had, the series of requests that reached no endpoint,
 * and {@code foresail.upstream.rq} per status class. Immutable apart from the counters; a reload
 * that changes the cluster makes a new one that keeps the old one's series.
 */
final class ClusterMeters {

    /** The {@code code_class} tag values, by {@link #codeClass(int)}. */
    static final String[] CODE_CLASSES = {"none", "1xx", "2xx", "3xx", "4xx", "5xx"};

    /** Raw endpoint label maps, each with the destination its requests count in. */
    private final List<Map<String, String>> endpointLabels;
    private final List<DestinationMeters> destinations;
    /** Requests (and connections) that reached no endpoint: the host's labels, version and app unknown. */
    private final DestinationMeters noEndpoint;
    /** By {@link #codeClass(int)}. */
    private final LongAdder[] upstreamRequests;

    ClusterMeters(List<Map<String, String>> endpointLabels, List<DestinationMeters> destinations,
                  DestinationMeters noEndpoint, LongAdder[] upstreamRequests) {
        if (endpointLabels.size() != destinations.size()) {
            throw new IllegalArgumentException("destinations: " + destinations.size() + " (expected: one per label set, "
                    + endpointLabels.size() + ")");
        }
        this.endpointLabels = List.copyOf(endpointLabels);
        this.destinations = List.copyOf(destinations);
        this.noEndpoint = noEndpoint;
        this.upstreamRequests = upstreamRequests;
    }

    /** 1 to 5 for a status of 100 to 599; 0 for none sent (or one outside that range). */
    static int codeClass(int status) {
        return status >= 100 && status <= 599 ? status / 100 : 0;
    }

    /** The destination of a request through an endpoint labelled {@code labels}: identity first, then equality. */
    DestinationMeters destination(Map<String, String> labels) {
        if (labels == null || labels.isEmpty()) {
            return noEndpoint;
        }
        int count = endpointLabels.size();
        for (int i = 0; i < count; i++) {
            if (endpointLabels.get(i) == labels) {
                return destinations.get(i);
            }
        }
        for (int i = 0; i < count; i++) {
            if (endpointLabels.get(i).equals(labels)) {
                return destinations.get(i);
            }
        }
        return noEndpoint;
    }

    DestinationMeters noEndpoint() {
        return noEndpoint;
    }

    void countUpstreamRequest(int status) {
        upstreamRequests[codeClass(status)].increment();
    }

    LongAdder[] upstreamRequests() {
        return upstreamRequests;
    }

    List<Map<String, String>> endpointLabels() {
        return endpointLabels;
    }

    List<DestinationMeters> destinations() {
        return destinations;
    }
}
