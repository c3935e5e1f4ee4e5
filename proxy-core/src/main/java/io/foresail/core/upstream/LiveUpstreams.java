package io.foresail.core.upstream;

import io.foresail.config.table.Cluster;
import io.foresail.config.table.Endpoint;
import io.foresail.config.table.RoutingTable;
import io.foresail.config.table.UpstreamTlsSettings;
import io.foresail.core.pool.PoolKey;
import io.foresail.core.pool.TlsIdentity;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a published snapshot still reaches upstream, for the event loops to reconcile their state
 * with: the clusters by name (for the load balancers) and the endpoints with the TLS settings they
 * are reached with (for the connection pools). A pool key is live when a cluster of the snapshot
 * has its address and port and the same TLS settings; its SNI is not compared, as it follows the
 * request's host. Immutable: built once on the config thread and shared by every loop.
 */
public final class LiveUpstreams {

    /** An endpoint as a pool reaches it: address, port and TLS settings (empty for plaintext). */
    private record Target(String host, int port, Optional<UpstreamTlsSettings> tls) {
    }

    private final Map<String, Cluster> clusters;
    private final Set<Target> targets;

    private LiveUpstreams(Map<String, Cluster> clusters, Set<Target> targets) {
        this.clusters = clusters;
        this.targets = targets;
    }

    public static LiveUpstreams of(RoutingTable table) {
        Objects.requireNonNull(table, "table");
        Set<Target> targets = new HashSet<>();
        for (Cluster cluster : table.clusters().values()) {
            for (Endpoint endpoint : cluster.endpoints()) {
                targets.add(new Target(endpoint.address(), endpoint.port(), cluster.tls()));
            }
        }
        return new LiveUpstreams(Map.copyOf(table.clusters()), Set.copyOf(targets));
    }

    /** The snapshot's clusters by name. */
    public Map<String, Cluster> clusters() {
        return clusters;
    }

    /** Whether connections of {@code key} still serve an endpoint of the snapshot. */
    public boolean reaches(PoolKey key) {
        return targets.contains(new Target(key.host(), key.port(), key.tls().map(TlsIdentity::settings)));
    }
}
