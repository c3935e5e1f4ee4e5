package io.foresail.core.runtime;

import io.foresail.config.table.RoutingTable;
import io.foresail.tls.context.TlsContexts;
import java.util.Objects;

/**
 * Everything a request needs to be served, as one immutable value: the routing table, the SSL
 * contexts for its TLS chains and TLS clusters, the version it was published as, and where its
 * config came from. Read once per request from {@link SnapshotHolder} and passed down. Meter
 * bundles join it here as they arrive.
 */
public record ProxySnapshot(RoutingTable table, TlsContexts tls, long version, ConfigOrigin origin) {

    public ProxySnapshot {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(origin, "origin");
    }

    /** A snapshot of no known origin. */
    public ProxySnapshot(RoutingTable table, TlsContexts tls, long version) {
        this(table, tls, version, ConfigOrigin.UNKNOWN);
    }

    /** A snapshot of a table without TLS. */
    public ProxySnapshot(RoutingTable table, long version) {
        this(table, TlsContexts.NONE, version);
    }
}
