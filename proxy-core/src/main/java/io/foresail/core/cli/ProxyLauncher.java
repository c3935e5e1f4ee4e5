package io.foresail.core.cli;

import io.foresail.config.model.ConfigError;
import io.foresail.config.reload.ConfigLoader;
import io.foresail.config.reload.LoadResult;
import io.foresail.config.reload.SourceFingerprint;
import io.foresail.core.accesslog.AccessLog;
import io.foresail.core.metrics.ProxyMetrics;
import io.foresail.core.metrics.RequestMetrics;
import io.foresail.core.metrics.ServerMeters;
import io.foresail.core.runtime.ConfigOrigin;
import io.foresail.core.runtime.ConfigReloader;
import io.foresail.config.table.RoutingTable;
import io.foresail.core.runtime.CertificateReloader;
import io.foresail.core.runtime.ProxySnapshot;
import io.foresail.core.runtime.SnapshotHolder;
import io.foresail.core.proxy.ExchangeObserver;
import io.foresail.core.server.ProxyServer;
import io.foresail.core.server.ProxyServerOptions;
import io.foresail.tls.context.TlsContextCache;
import io.foresail.tls.context.TlsContextLoader;
import io.foresail.tls.context.TlsLoadResult;
import io.foresail.tls.context.TlsProblem;
import io.micrometer.core.instrument.FunctionCounter;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The composition root: loads the configuration, builds its TLS contexts on the config thread,
 * publishes the first snapshot, binds the data-plane listeners and then the status, admin and
 * metrics ports. Everything is wired by constructor here.
 */
final class ProxyLauncher {

    private ProxyLauncher() {
    }

    /**
     * @param ephemeralPorts test seam: bind every listener to 127.0.0.1 port 0
     * @param out            where the access log is written (stdout)
     * @param err            where findings and start-up failures are printed
     * @return the running proxy, or empty when the config or its certificates are invalid or a port
     *         cannot be bound (the reason has been printed)
     */
    static Optional<RunningProxy> launch(ProxyOptions options, boolean ephemeralPorts, PrintStream out,
                                         PrintStream err) {
        SourceFingerprint sources = SourceFingerprint.of(options.configs());
        ConfigLoader configLoader = new ConfigLoader(options.labels(), options.secretsDirectory());
        LoadResult result = configLoader.load(options.configs());
        for (ConfigError finding : result.findings()) {
            err.println(finding);
        }
        if (result instanceof LoadResult.Rejected rejected) {
            long errors = rejected.findings().stream().filter(ConfigError::isError).count();
            err.println("foresail: invalid configuration: " + count(errors) + " (nothing is served)");
            return Optional.empty();
        }
        RoutingTable table = ((LoadResult.Loaded) result).table();
        TlsContextLoader tlsLoader;
        try {
            tlsLoader = new TlsContextLoader(options.tlsProvider(), new TlsContextCache(), Clock.systemUTC());
        } catch (IllegalStateException e) {
            err.println("foresail: cannot start: " + e.getMessage());
            return Optional.empty();
        }
        ScheduledExecutorService configThread = Executors.newSingleThreadScheduledExecutor(
                new DefaultThreadFactory("foresail-config", true));
        Optional<RunningProxy> running = Optional.empty();
        try {
            running = launch(options, ephemeralPorts, out, err, table, tlsLoader, configThread,
                    new LoadedConfig(configLoader, sources));
            return running;
        } finally {
            if (running.isEmpty()) {
                configThread.shutdownNow();
            }
        }
    }

    private static Optional<RunningProxy> launch(ProxyOptions options, boolean ephemeralPorts, PrintStream out,
                                                 PrintStream err, RoutingTable table, TlsContextLoader tlsLoader,
                                                 ScheduledExecutorService configThread, LoadedConfig loaded) {
        String fingerprint = CertificateReloader.fingerprintOf(table);
        TlsLoadResult tls = tlsLoader.loadAsync(table, configThread).join();
        for (TlsProblem warning : tls.warnings()) {
            err.println(line("WARNING", warning));
        }
        if (tls instanceof TlsLoadResult.Rejected rejected) {
            for (TlsProblem error : rejected.errors()) {
                err.println(line("ERROR", error));
            }
            err.println("foresail: invalid TLS configuration: " + count(rejected.errors().size()) + " (nothing is served)");
            return Optional.empty();
        }
        ProxyMetrics metrics = new ProxyMetrics();
        RequestMetrics requestMetrics = metrics.requests();
        // each snapshot's cluster meters are bound before it serves its first request
        SnapshotHolder snapshots = new SnapshotHolder(new ProxySnapshot(table, ((TlsLoadResult.Loaded) tls).contexts(), 1,
                new ConfigOrigin(Clock.systemUTC().instant(), loaded.sources().files())),
                snapshot -> requestMetrics.follow(snapshot.table()));
        CertificateReloader certificates = new CertificateReloader(snapshots, tlsLoader, configThread, fingerprint);
        ProxyServerOptions.Builder serverBuilder = ProxyServerOptions.builder().ephemeralPorts(ephemeralPorts)
                .transport(options.transport()).serverHeader(options.serverHeader());
        if (options.eventLoops() > 0) {
            serverBuilder.workerThreads(options.eventLoops());
        }
        ProxyServerOptions serverOptions = serverBuilder.build();
        AccessLog accessLog = AccessLog.start(options.accessLog(), out);
        // what hears about every finished request: request metrics, then the access log
        ExchangeObserver observer = requestMetrics.andThen(accessLog.observer());
        ProxyServer server;
        try {
            server = ProxyServer.start(snapshots, serverOptions, observer, requestMetrics);
        } catch (RuntimeException e) {
            accessLog.close();
            metrics.close();
            err.println("foresail: cannot start listeners: " + e.getMessage());
            return Optional.empty();
        }
        try {
            ServerMeters serverMeters = ServerMeters.bind(metrics.registry(), server);
            FunctionCounter.builder("foresail.access_log.dropped", accessLog, AccessLog::dropped)
                    .description("Access-log lines dropped because the writer's queue was full")
                    .register(metrics.registry());
            ConfigReloader reloader = new ConfigReloader(options.configs(), loaded.loader(), tlsLoader, snapshots,
                    certificates, configThread, loaded.sources(), snapshot -> follow(server, serverMeters, snapshot),
                    metrics.registry(), Clock.systemUTC());
            return Optional.of(RunningProxy.start(options, snapshots, server, configThread, reloader, certificates,
                    TlsProviderNames.describe(tlsLoader.provider()), metrics, accessLog, ephemeralPorts));
        } catch (RuntimeException e) {
            server.close();
            accessLog.close();
            metrics.close();
            err.println("foresail: cannot start: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** The listeners follow a published snapshot's Gateway ports, then their meters; returns what could not be bound. */
    private static List<String> follow(ProxyServer server, ServerMeters serverMeters, ProxySnapshot snapshot) {
        List<String> unbound = server.follow(snapshot.table());
        serverMeters.follow(snapshot.table());
        return unbound;
    }

    /** The loader of the served config and the fingerprint of its sources taken before it loaded them. */
    private record LoadedConfig(ConfigLoader loader, SourceFingerprint sources) {
    }

    /** {@code file: ERROR source: fault}, the shape of a config finding; never key material. */
    private static String line(String severity, TlsProblem problem) {
        return problem.file().map(file -> file + ": ").orElse("") + severity + " " + problem.source() + ": " + problem.fault();
    }

    private static String count(long errors) {
        return errors + (errors == 1 ? " error" : " errors");
    }
}
