package io.foresail.core.cli;

import io.foresail.core.accesslog.AccessLog;
import io.foresail.core.admin.AdminEndpoint;
import io.foresail.core.admin.AdminEndpoints;
import io.foresail.core.admin.LocalHttpServer;
import io.foresail.core.metrics.ProxyMetrics;
import io.foresail.config.table.PortListener;
import io.foresail.config.table.RoutingTable;
import io.foresail.config.table.TcpForward;
import io.foresail.core.runtime.CertificateReloader;
import io.foresail.core.runtime.ConfigReloader;
import io.foresail.core.runtime.ProxySnapshot;
import io.foresail.core.runtime.SnapshotHolder;
import io.foresail.core.server.GracefulDrain;
import io.foresail.core.server.ProxyServer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * A started proxy: the data plane plus its status, admin, metrics and merged-metrics listeners, which run on one
 * small event loop of their own, and the config thread running the one reload loop (config sources and certificate files).
 * {@link #drainAndClose()} stops it gracefully ({@link GracefulDrain}), {@link #close()} at once.
 */
final class RunningProxy implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RunningProxy.class.getName());

    private final ProxyServer server;
    private final SnapshotHolder snapshots;
    private final ProxyMetrics metrics;
    private final AccessLog accessLog;
    private final EventLoopGroup localGroup;
    private final LocalHttpServer status;
    private final LocalHttpServer admin;
    private final LocalHttpServer metricsServer;
    private final LocalHttpServer mergedMetricsServer;
    private final ScheduledExecutorService configThread;
    private final CertificateReloader certificates;
    private final ConfigReloader reloader;
    private final String tlsProvider;
    private final GracefulDrain drain;

    private RunningProxy(ProxyServer server, SnapshotHolder snapshots, ScheduledExecutorService configThread,
                         ConfigReloader reloader, CertificateReloader certificates, String tlsProvider, ProxyMetrics metrics,
                         AccessLog accessLog, EventLoopGroup localGroup, LocalHttpServer status, LocalHttpServer admin,
                         LocalHttpServer metricsServer, LocalHttpServer mergedMetricsServer, GracefulDrain drain) {
        this.drain = drain;
        this.server = server;
        this.snapshots = snapshots;
        this.configThread = configThread;
        this.certificates = certificates;
        this.reloader = reloader;
        this.tlsProvider = tlsProvider;
        this.metrics = metrics;
        this.accessLog = accessLog;
        this.localGroup = localGroup;
        this.status = status;
        this.admin = admin;
        this.metricsServer = metricsServer;
        this.mergedMetricsServer = mergedMetricsServer;
    }

    /**
     * Binds the status, admin and metrics ports and starts the reload loop; from here on
     * the proxy owns {@code server}, {@code configThread} and {@code accessLog} and closes them with itself.
     *
     * @param tlsProvider the TLS implementation in use, as the ready line names it
     */
    static RunningProxy start(ProxyOptions options, SnapshotHolder snapshots, ProxyServer server,
                              ScheduledExecutorService configThread, ConfigReloader reloader,
                              CertificateReloader certificates, String tlsProvider, ProxyMetrics metrics,
                              AccessLog accessLog, boolean ephemeralPorts) {
        EventLoopGroup localGroup = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        List<LocalHttpServer> started = new ArrayList<>();
        try {
            AdminEndpoints endpoints = new AdminEndpoints(snapshots, server::ready, server::boundPortOrZero, metrics, Versions.current(),
                    reloader::status, server.endpointHealth());
            GracefulDrain drain = new GracefulDrain(server, endpoints::startDraining, options.drainDelay(),
                    options.drainTimeout());
            Map<String, AdminEndpoint> adminPaths = new HashMap<>(endpoints.admin());
            adminPaths.put("/drain_listeners", AdminEndpoints.drainListeners(drain::start));
            LocalHttpServer status = bind(started, "status", localGroup, "0.0.0.0", options.statusPort(), ephemeralPorts,
                    endpoints.status());
            LocalHttpServer admin = bind(started, "admin", localGroup, "127.0.0.1", options.adminPort(), ephemeralPorts,
                    adminPaths);
            LocalHttpServer metricsServer = bind(started, "metrics", localGroup, "0.0.0.0", options.metricsPort(),
                    ephemeralPorts, endpoints.metrics());
            LocalHttpServer mergedMetricsServer = bind(started, "merged-metrics", localGroup, "0.0.0.0",
                    options.mergedMetricsPort(), ephemeralPorts, endpoints.metrics());
            RunningProxy proxy = new RunningProxy(server, snapshots, configThread, reloader, certificates, tlsProvider,
                    metrics, accessLog, localGroup, status, admin, metricsServer, mergedMetricsServer, drain);
            ReloadLoop.schedule(configThread, reloader, options.configCheckInterval(), options.certificateCheckInterval());
            LOG.info(proxy.describe());
            return proxy;
        } catch (RuntimeException e) {
            started.forEach(LocalHttpServer::close);
            localGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            metrics.close();
            throw e;
        }
    }

    private static LocalHttpServer bind(List<LocalHttpServer> started, String name, EventLoopGroup group, String host,
                                        int port, boolean ephemeralPorts,
                                        Map<String, AdminEndpoint> endpoints) {
        if (port == 0) {
            return null;
        }
        LocalHttpServer server = LocalHttpServer.start(name, group, ephemeralPorts ? "127.0.0.1" : host,
                ephemeralPorts ? 0 : port, endpoints);
        started.add(server);
        return server;
    }

    private String describe() {
        StringBuilder text = new StringBuilder("foresail ").append(Versions.current()).append(" ready:");
        RoutingTable table = snapshots.current().table();
        for (int port : table.ports()) {
            text.append(' ').append(kind(table.listener(port))).append(' ').append(port);
            if (server.boundPort(port) != port) {
                text.append("->").append(server.boundPort(port));
            }
            text.append(';');
        }
        append(text, status);
        append(text, admin);
        append(text, metricsServer);
        append(text, mergedMetricsServer);
        return text.append(" tls provider ").append(tlsProvider).append(';')
                .append(" transport ").append(server.transportName()).append(';').toString();
    }

    /** {@code http}, {@code tcp}, {@code tls}, or {@code http+tls} when a port serves both. */
    private static String kind(PortListener listener) {
        List<String> kinds = new ArrayList<>();
        listener.plaintext().ifPresent(target -> kinds.add(target instanceof TcpForward ? "tcp" : "http"));
        if (listener.hasTls()) {
            kinds.add("tls");
        }
        return String.join("+", kinds);
    }

    private static void awaitTermination(ScheduledExecutorService executor) {
        try {
            if (!executor.awaitTermination(2, TimeUnit.SECONDS)) {
                LOG.warning("config thread still running after 2 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void append(StringBuilder text, LocalHttpServer server) {
        if (server != null) {
            text.append(' ').append(server.name()).append(' ').append(server.port()).append(';');
        }
    }

    /** The actual port serving {@code gatewayPort}. */
    int proxyPort(int gatewayPort) {
        return server.boundPort(gatewayPort);
    }

    /** The Gateway ports with a listener bound now. */
    java.util.Set<Integer> listenedPorts() {
        return server.listenedPorts();
    }

    /** The data plane's failure, retry and mirror counters. */
    io.foresail.core.proxy.ProxyCounters counters() {
        return server.counters();
    }

    /** The access log (off: writes nothing), for its count of dropped lines. */
    AccessLog accessLog() {
        return accessLog;
    }

    /** The snapshot being served now. */
    ProxySnapshot snapshot() {
        return snapshots.current();
    }

    /** The reload loop's check, to run one now instead of waiting for the interval. */
    ConfigReloader reloader() {
        return reloader;
    }

    /** The certificate checks, to run one now instead of waiting for the interval. */
    CertificateReloader certificates() {
        return certificates;
    }

    int statusPort() {
        return status.port();
    }

    int adminPort() {
        return admin.port();
    }

    int metricsPort() {
        return metricsServer.port();
    }

    /**
     * The graceful stop: runs the drain ({@link GracefulDrain}: readiness 503, the drain delay, the
     * listeners close, requests in progress finish within the drain timeout), or waits for the one
     * that admin {@code /drain_listeners} started, then {@link #close()}s. Blocks for at most the
     * drain delay plus the drain timeout and a few seconds; {@link #stopNow()} shortens that.
     */
    void drainAndClose() {
        drain.start(true);
        try {
            if (!drain.awaitFinished(drain.longest())) {
                LOG.warning("drain still running after " + drain.longest().toMillis() + " ms: closing");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        close();
    }

    /** Cuts a drain in progress short: no more waiting, the connections still open are closed. */
    void stopNow() {
        drain.stopNow();
    }

    /** The port serving {@code /stats/prometheus} where Istio's Helm chart scrapes (15020). */
    int mergedMetricsPort() {
        return mergedMetricsServer.port();
    }

    @Override
    public void close() {
        for (LocalHttpServer local : new LocalHttpServer[] {status, admin, metricsServer, mergedMetricsServer}) {
            if (local != null) {
                local.close();
            }
        }
        configThread.shutdownNow();
        server.close();
        // after the event loops stopped: every finished request has been queued
        accessLog.close();
        awaitTermination(configThread);
        localGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        metrics.close();
    }
}
