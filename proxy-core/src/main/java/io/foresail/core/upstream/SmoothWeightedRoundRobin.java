package io.foresail.core.upstream;

import io.foresail.config.table.Cluster;
import io.foresail.config.table.Endpoint;
import java.util.List;

/**
 * Weighted round robin over one cluster's endpoints with nginx's "smooth" order: over any
 * {@code totalWeight} consecutive picks each endpoint is chosen exactly {@code weight} times, and
 * picks of one endpoint are spread out rather than bunched ({@code 5,1,1} gives
 * {@code a a b a c a a}). Equal weights degrade to plain round robin.
 *
 * <p>Mutable and unsynchronised: one instance per cluster per event loop.
 */
final class SmoothWeightedRoundRobin {

    private Cluster cluster;
    private final UpstreamEndpoint[] endpoints;
    private final int[] weights;
    private final long[] current;
    private final long totalWeight;
    private final boolean equalWeights;
    private int next;

    SmoothWeightedRoundRobin(Cluster cluster) {
        this.cluster = cluster;
        List<Endpoint> list = cluster.endpoints();
        this.endpoints = new UpstreamEndpoint[list.size()];
        this.weights = new int[list.size()];
        this.current = new long[list.size()];
        long total = 0;
        boolean equal = true;
        for (int i = 0; i < endpoints.length; i++) {
            Endpoint endpoint = list.get(i);
            endpoints[i] = UpstreamEndpoint.of(endpoint);
            weights[i] = endpoint.weight();
            total += endpoint.weight();
            equal &= endpoint.weight() == list.get(0).weight();
        }
        this.totalWeight = total;
        this.equalWeights = equal;
    }

    /** The cluster this balancer serves (compared by identity, then content, on each pick). */
    Cluster cluster() {
        return cluster;
    }

    /** Serves {@code equal}, a record equal to this balancer's cluster, from now on; the position is kept. */
    void rebind(Cluster equal) {
        assert equal.equals(cluster) : "rebind to a changed cluster " + equal.name();
        this.cluster = equal;
    }

    /** The next endpoint, or {@code null} when the cluster has none. */
    UpstreamEndpoint pick() {
        int count = endpoints.length;
        if (count == 0) {
            return null;
        }
        if (equalWeights) {
            int index = next;
            next = index + 1 == count ? 0 : index + 1;
            return endpoints[index];
        }
        int best = 0;
        for (int i = 0; i < count; i++) {
            current[i] += weights[i];
            if (current[i] > current[best]) {
                best = i;
            }
        }
        current[best] -= totalWeight;
        return endpoints[best];
    }
}
