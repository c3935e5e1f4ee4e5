package io.foresail.tls.context;

import io.foresail.config.table.Cluster;
import io.foresail.config.table.PortListener;
import io.foresail.config.table.RoutingTable;
import io.foresail.config.table.ServerTlsSettings;
import io.foresail.config.table.TlsChain;
import io.foresail.config.table.UpstreamTlsSettings;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslProvider;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Builds the {@link TlsContexts} of a whole {@link RoutingTable}: a server context for every
 * terminating chain's settings and a client context for every cluster's upstream TLS, collecting
 * every error and warning (each with its source and file) instead of stopping at the first.
 * Reads files and builds contexts: run it on the config thread, never on an event loop
 * ({@link #loadAsync} takes the executor to run on).
 */
public final class TlsContextLoader {

    private final SslProvider provider;
    private final TlsContextCache cache;
    private final Clock clock;

    /**
     * @param provider which TLS implementation; resolved now ({@link TlsProvider#OPENSSL} fails here when it does not load)
     * @param cache    shared across loads so unchanged certificates keep their contexts
     * @param clock    the time certificate validity is checked at
     */
    public TlsContextLoader(TlsProvider provider, TlsContextCache cache, Clock clock) {
        this.provider = provider.sslProvider();
        this.cache = Objects.requireNonNull(cache, "cache");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The Netty provider the contexts are built with. */
    public SslProvider provider() {
        return provider;
    }

    public CompletableFuture<TlsLoadResult> loadAsync(RoutingTable table, Executor configExecutor) {
        return CompletableFuture.supplyAsync(() -> load(table), configExecutor);
    }

    public TlsLoadResult load(RoutingTable table) {
        List<TlsProblem> errors = new ArrayList<>();
        List<TlsProblem> warnings = new ArrayList<>();
        Map<ServerTlsSettings, SslContext> servers = new LinkedHashMap<>();
        serverSources(table).forEach((settings, source) -> {
            SslContext context = build(settings, source, TlsFiles.of(settings), errors, warnings,
                    (contents, problems) -> ServerContexts.build(settings, contents, provider, clock.instant(), problems));
            if (context != null) {
                servers.put(settings, context);
            }
        });
        Map<UpstreamTlsSettings, SslContext> clients = new LinkedHashMap<>();
        clientSources(table).forEach((settings, source) -> {
            SslContext context = build(settings, source, TlsFiles.of(settings), errors, warnings,
                    (contents, problems) -> ClientContexts.build(settings, contents, provider, clock.instant(), problems));
            if (context != null) {
                clients.put(settings, context);
            }
        });
        if (!errors.isEmpty()) {
            return new TlsLoadResult.Rejected(errors, warnings);
        }
        return new TlsLoadResult.Loaded(new SnapshotTlsContexts(servers, clients), warnings);
    }

    private interface ContextBuild {
        BuiltContext build(FileContents contents, Problems problems);
    }

    private SslContext build(Object settings, String source, Set<java.nio.file.Path> files, List<TlsProblem> errors,
                             List<TlsProblem> warnings, ContextBuild contextBuild) {
        Problems readProblems = new Problems(source);
        FileContents contents = FileContents.read(files, readProblems);
        if (contents == null) {
            errors.addAll(readProblems.errors());
            return null;
        }
        try {
            BuiltContext built = cache.get(settings, contents.digest(), provider,
                    () -> contextBuild.build(contents, new Problems(source)));
            warnings.addAll(built.warnings());
            return built.context();
        } catch (RejectedSettingsException e) {
            errors.addAll(e.errors());
            warnings.addAll(e.warnings());
            return null;
        }
    }

    /** Distinct server settings, each named by the chains that use it. */
    private static Map<ServerTlsSettings, String> serverSources(RoutingTable table) {
        Map<ServerTlsSettings, List<String>> chains = new LinkedHashMap<>();
        for (PortListener listener : new TreeMap<>(table.listeners()).values()) {
            for (TlsChain chain : listener.tlsChains()) {
                chain.termination().ifPresent(settings -> chains.computeIfAbsent(settings, s -> new ArrayList<>()).add(chain.name()));
            }
        }
        Map<ServerTlsSettings, String> sources = new LinkedHashMap<>();
        chains.forEach((settings, names) -> sources.put(settings,
                (names.size() == 1 ? "chain " : "chains ") + String.join(", ", names) + " (" + settings.certificate().source() + ")"));
        return sources;
    }

    /** Distinct upstream settings, each named by the clusters that use it. */
    private static Map<UpstreamTlsSettings, String> clientSources(RoutingTable table) {
        Map<UpstreamTlsSettings, List<String>> clusters = new LinkedHashMap<>();
        for (Cluster cluster : new TreeMap<>(table.clusters()).values()) {
            cluster.tls().ifPresent(settings -> clusters.computeIfAbsent(settings, s -> new ArrayList<>()).add(cluster.name()));
        }
        Map<UpstreamTlsSettings, String> sources = new LinkedHashMap<>();
        clusters.forEach((settings, names) -> sources.put(settings,
                (names.size() == 1 ? "cluster " : "clusters ") + String.join(", ", names)));
        return sources;
    }
}
