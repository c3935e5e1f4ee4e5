package io.foresail.core.metrics;

import io.foresail.config.table.RoutingTable;
import io.foresail.core.proxy.ProxyCounters;
import io.foresail.core.proxy.TlsFailures;
import io.foresail.core.server.ProxyServer;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * Foresail's own meters of a running server, each a view of what the data plane counts anyway
 * (the {@link ProxyCounters}, the listeners' connection counts, the pools' sizes): nothing is
 * added to the request path for them. The server-wide ones are bound once; the per-listener ones
 * when a snapshot brings a Gateway port not seen before ({@link #follow}); a port a reload
 * removes keeps its meters (its draining connections still count down).
 */
public final class ServerMeters {

    private final MeterRegistry registry;
    private final ProxyServer server;
    /** Guarded by {@code this}. */
    private final Set<Integer> boundPorts = new HashSet<>();

    private ServerMeters(MeterRegistry registry, ProxyServer server) {
        this.registry = registry;
        this.server = server;
    }

    /** Binds the server-wide meters of {@code server} and the listener meters of the ports it serves now. */
    public static ServerMeters bind(MeterRegistry registry, ProxyServer server) {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(server, "server");
        ServerMeters meters = new ServerMeters(registry, server);
        meters.bindCounters(server.counters());
        Gauge.builder("foresail.upstream.cx.active", server, ProxyServer::upstreamConnectionsOpen).strongReference(true)
                .description("Upstream connections open in the event loops' pools: connecting, in use or idle")
                .register(registry);
        Gauge.builder("foresail.upstream.cx.idle", server, ProxyServer::upstreamConnectionsIdle).strongReference(true)
                .description("Upstream connections idle in the event loops' pools")
                .register(registry);
        for (int port : server.listenedPorts()) {
            meters.bindListener(port);
        }
        return meters;
    }

    /** Binds the listener meters of {@code table}'s Gateway ports that have none yet. */
    public void follow(RoutingTable table) {
        for (int port : table.ports()) {
            bindListener(port);
        }
    }

    private synchronized void bindListener(int port) {
        if (!boundPorts.add(port)) {
            return;
        }
        String listener = Integer.toString(port);
        FunctionCounter.builder("foresail.downstream.cx", server, s -> s.downstreamConnectionsTotal(port))
                .tag("listener", listener)
                .description("Downstream connections accepted on the Gateway port")
                .register(registry);
        Gauge.builder("foresail.downstream.cx.active", server, s -> s.downstreamConnectionsActive(port))
                .strongReference(true)
                .tag("listener", listener)
                .description("Downstream connections of the Gateway port open now, draining ones included")
                .register(registry);
    }

    private void bindCounters(ProxyCounters counters) {
        counter(counters, "foresail.downstream.cx.protocol.error", ProxyCounters::downstreamProtocolErrors,
                "Malformed or oversized downstream requests (400, 414, 431; flag DPE)");
        counter(counters, "foresail.downstream.cx.reset", ProxyCounters::downstreamResets,
                "Downstream connections that failed with an I/O error");
        counter(counters, "foresail.downstream.cx.destroy.remote.active.rq", ProxyCounters::downstreamClosedEarly,
                "Requests abandoned because the client closed before the response was complete (flag DC)");
        counter(counters, "foresail.upstream.cx.connect.fail", ProxyCounters::upstreamConnectFailures,
                "Upstream connection attempts that failed or timed out (flag UF)");
        counter(counters, "foresail.upstream.cx.destroy.with.active.rq", ProxyCounters::upstreamResets,
                "Upstream connections that closed or failed while carrying a request (flag UC)");
        counter(counters, "foresail.upstream.cx.protocol.error", ProxyCounters::upstreamProtocolErrors,
                "Upstream responses that were not valid HTTP/1.1 (flag UPE)");
        counter(counters, "foresail.upstream.rq.timeout", ProxyCounters::upstreamTimeouts,
                "Route and per-try timeouts that expired before the response was complete (flag UT)");
        counter(counters, "foresail.upstream.rq.retry", ProxyCounters::upstreamRetries,
                "Retries made under routes' retry policies");
        counter(counters, "foresail.mirror.rq", ProxyCounters::mirrorRequests, "Mirrored requests started");
        counter(counters, "foresail.mirror.rq.completed", ProxyCounters::mirrorResponses,
                "Mirrored requests whose response was read to its end");
        counter(counters, "foresail.mirror.rq.failed", ProxyCounters::mirrorFailures,
                "Mirrored requests that failed: no endpoint, connect or TLS failure, reset, invalid response");
        counter(counters, "foresail.mirror.rq.abandoned", ProxyCounters::mirrorsAbandoned,
                "Mirrored requests given up: too much body held, time bound passed, or the client's request cut short");
        counter(counters, "foresail.listener.no.filter.chain.match", ProxyCounters::noFilterChain,
                "Connections closed because no TLS chain or plaintext target of the port takes them");
        counter(counters, "foresail.tcp.no.upstream", ProxyCounters::tcpNoUpstream,
                "TCP-forwarded connections closed because their destination had no cluster or no endpoint");
        counter(counters, "foresail.tcp.upstream.cx.connect.fail", ProxyCounters::tcpConnectFailures,
                "TCP-forwarded connections closed because their upstream connect failed or timed out");
        counter(counters, "foresail.tcp.cx.reset", ProxyCounters::tcpResets,
                "TCP-forwarded connections ended by an I/O error on either side");
        counter(counters, "foresail.unexpected.errors", ProxyCounters::unexpectedErrors,
                "Exceptions that are not expected network failures (bugs), each logged once");
        counter(counters, "foresail.downstream.tls.handshakes", ProxyCounters::downstreamTlsHandshakes,
                "Downstream TLS handshakes completed on terminated chains");
        for (TlsFailures.Reason reason : TlsFailures.Reason.values()) {
            FunctionCounter.builder("foresail.downstream.tls.errors", counters, c -> c.downstreamTlsErrors(reason))
                    .tag("reason", reason.tag())
                    .description("Downstream connections closed on a TLS failure, by reason")
                    .register(registry);
        }
    }

    private void counter(ProxyCounters counters, String name, ToDoubleFunction<ProxyCounters> value, String description) {
        FunctionCounter.builder(name, counters, value).description(description).register(registry);
    }
}
