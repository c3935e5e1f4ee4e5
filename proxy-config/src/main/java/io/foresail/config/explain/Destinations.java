package io.foresail.config.explain;

import io.foresail.config.table.Cluster;
import io.foresail.config.table.Endpoint;
import io.foresail.config.table.Forward;
import io.foresail.config.table.WeightedDestination;
import java.util.ArrayList;
import java.util.List;

/**
 * The lines that describe where a {@link Forward} sends: each destination's cluster with its
 * weight, subset and own header operations, then the endpoints the cluster could reach with
 * their weights.
 */
final class Destinations {

    private Destinations() {
    }

    static List<String> lines(Forward forward) {
        List<String> lines = new ArrayList<>();
        for (WeightedDestination destination : forward.destinations()) {
            lines.add(destination.clusterName() + " weight " + destination.weight() + "/" + forward.totalWeight()
                    + destination.cluster().map(Destinations::clusterDetail).orElse(" (no such cluster: 503 NC)"));
            ActionSteps.headerLines(destination.headers()).forEach(header -> lines.add("  headers: " + header));
            destination.cluster().ifPresent(cluster -> {
                for (Endpoint endpoint : cluster.endpoints()) {
                    lines.add("  endpoint " + endpoint.address() + ":" + endpoint.port() + " weight " + endpoint.weight());
                }
            });
        }
        return lines;
    }

    private static String clusterDetail(Cluster cluster) {
        return (cluster.subset().isEmpty() ? "" : " subset " + cluster.subset())
                + (cluster.endpoints().isEmpty() ? " (no endpoints: 503 UH)" : "")
                + (cluster.tls().isPresent() ? " (TLS to upstream)" : "");
    }
}
