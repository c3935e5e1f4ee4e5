package io.foresail.core.proxy;

import io.foresail.core.router.Router;
import io.foresail.core.runtime.SnapshotHolder;
import java.util.Objects;

/**
 * What every exchange of one server shares: where the current snapshot is, how to route, who
 * hears about finished exchanges, and the failure counters. Immutable; built once by the server.
 */
public record ProxyContext(SnapshotHolder snapshots, Router router, ExchangeObserver observer, ProxyCounters counters) {

    public ProxyContext {
        Objects.requireNonNull(snapshots, "snapshots");
        Objects.requireNonNull(router, "router");
        Objects.requireNonNull(observer, "observer");
        Objects.requireNonNull(counters, "counters");
    }
}
