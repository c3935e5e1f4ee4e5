package io.foresail.core.runtime;

import io.foresail.config.table.RoutingTable;
import java.util.Objects;

/**
 * Everything a request needs to be served, as one immutable value: the routing table and the
 * version it was published as. Read once per request from {@link SnapshotHolder} and passed down.
 * TLS contexts, the SNI table and meter bundles join it here as they arrive.
 */
public record ProxySnapshot(RoutingTable table, long version) {

    public ProxySnapshot {
        Objects.requireNonNull(table, "table");
    }
}
