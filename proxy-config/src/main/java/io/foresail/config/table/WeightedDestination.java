package io.foresail.config.table;

import java.util.Objects;
import java.util.Optional;

/**
 * One weighted destination of a route, with its cluster resolved at compile time.
 *
 * @param host        the destination host as resolved (FQDN), for logs and metrics
 * @param clusterName {@code outbound|<port>|<subset>|<host>}
 * @param weight      relative weight, {@code > 0}
 * @param cluster     the cluster, or empty when no ServiceEntry (or subset) defines it: the request
 *                    then gets 503 with flag {@code NC}
 * @param headers     this destination's own {@code headers}, applied only when it is picked
 */
public record WeightedDestination(String host, String clusterName, int weight, Optional<Cluster> cluster,
                                  HeaderRewrites headers) {

    public WeightedDestination {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(clusterName, "clusterName");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(headers, "headers");
        if (weight <= 0) {
            throw new IllegalArgumentException("weight: " + weight + " (expected: > 0)");
        }
    }

    /** A destination without header operations of its own. */
    public WeightedDestination(String host, String clusterName, int weight, Optional<Cluster> cluster) {
        this(host, clusterName, weight, cluster, HeaderRewrites.NONE);
    }
}
