package io.foresail.config.table;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The compiled, deeply immutable view of a whole configuration: one {@link PortListener} per
 * Gateway port, and every cluster a route can send to. Built once per accepted config on the
 * config thread; request threads only read it.
 *
 * @param listeners   listeners by port number
 * @param clusters    clusters by name ({@code outbound|port|subset|host})
 * @param contentHash hash of the source bytes this table was compiled from; equal hashes mean an
 *                    unchanged config
 */
public record RoutingTable(Map<Integer, PortListener> listeners, Map<String, Cluster> clusters, String contentHash) {

    public RoutingTable {
        listeners = Map.copyOf(listeners);
        clusters = Map.copyOf(clusters);
        Objects.requireNonNull(contentHash, "contentHash");
    }

    /** The listener bound on {@code port}, or {@code null} when no Gateway serves it. */
    public PortListener listener(int port) {
        return listeners.get(port);
    }

    /** Ports in ascending order. */
    public List<Integer> ports() {
        return listeners.keySet().stream().sorted().toList();
    }
}
