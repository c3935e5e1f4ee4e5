package io.foresail.core.proxy;

import io.foresail.core.http.ServerHeader;
import io.foresail.core.router.Router;
import io.foresail.core.runtime.SnapshotHolder;
import io.foresail.core.time.ProxyClock;
import io.foresail.core.upstream.TicketSource;
import java.util.Objects;

/**
 * What every exchange of one server shares: where the current snapshot is, how to route, who
 * hears about finished exchanges, the failure counters, the clock of timeouts and delays, and
 * the source of per-request draws (fault and mirror percentages, retry jitter), and what happens to
 * proxied responses' {@code server} header. Immutable; built
 * once by the server.
 */
public record ProxyContext(SnapshotHolder snapshots, Router router, ExchangeObserver observer, ProxyCounters counters,
                           ProxyClock clock, TicketSource tickets, ServerHeader serverHeader) {

    /** With {@code clock} and {@code tickets}, overwriting the {@code server} header as Istio does. */
    public ProxyContext(SnapshotHolder snapshots, Router router, ExchangeObserver observer, ProxyCounters counters,
                        ProxyClock clock, TicketSource tickets) {
        this(snapshots, router, observer, counters, clock, tickets, ServerHeader.OVERWRITE);
    }

    /** With the system clock and random draws. */
    public ProxyContext(SnapshotHolder snapshots, Router router, ExchangeObserver observer, ProxyCounters counters) {
        this(snapshots, router, observer, counters, ProxyClock.system(), TicketSource.random(), ServerHeader.OVERWRITE);
    }

    public ProxyContext {
        Objects.requireNonNull(snapshots, "snapshots");
        Objects.requireNonNull(router, "router");
        Objects.requireNonNull(observer, "observer");
        Objects.requireNonNull(counters, "counters");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(tickets, "tickets");
        Objects.requireNonNull(serverHeader, "serverHeader");
    }
}
