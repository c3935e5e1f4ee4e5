package io.foresail.core.cli;

import io.foresail.config.model.ConfigError;
import io.foresail.config.reload.ConfigLoader;
import io.foresail.config.reload.LoadResult;
import io.foresail.core.runtime.ProxySnapshot;
import io.foresail.core.runtime.SnapshotHolder;
import io.foresail.core.server.ProxyServer;
import io.foresail.core.server.ProxyServerOptions;
import java.io.PrintStream;
import java.util.Optional;

/**
 * The composition root: loads the configuration, builds the first snapshot, binds the data-plane
 * listeners and then the status, admin and metrics ports. Everything is wired by constructor here.
 */
final class ProxyLauncher {

    private ProxyLauncher() {
    }

    /**
     * @param ephemeralPorts test seam: bind every listener to 127.0.0.1 port 0
     * @param err            where findings and start-up failures are printed
     * @return the running proxy, or empty when the config is invalid or a port cannot be bound
     *         (the reason has been printed)
     */
    static Optional<RunningProxy> launch(ProxyOptions options, boolean ephemeralPorts, PrintStream err) {
        LoadResult result = new ConfigLoader(options.labels()).load(options.configs());
        for (ConfigError finding : result.findings()) {
            err.println(finding);
        }
        if (result instanceof LoadResult.Rejected rejected) {
            long errors = rejected.findings().stream().filter(ConfigError::isError).count();
            err.println("foresail: invalid configuration: " + errors + (errors == 1 ? " error" : " errors")
                    + " (nothing is served)");
            return Optional.empty();
        }
        LoadResult.Loaded loaded = (LoadResult.Loaded) result;
        SnapshotHolder snapshots = new SnapshotHolder(new ProxySnapshot(loaded.table(), 1));
        ProxyServerOptions serverOptions = ProxyServerOptions.defaults().withEphemeralPorts(ephemeralPorts);
        ProxyServer server;
        try {
            server = ProxyServer.start(snapshots, serverOptions);
        } catch (RuntimeException e) {
            err.println("foresail: cannot start listeners: " + e.getMessage());
            return Optional.empty();
        }
        try {
            return Optional.of(RunningProxy.start(options, snapshots, server, ephemeralPorts));
        } catch (RuntimeException e) {
            server.close();
            err.println("foresail: cannot start: " + e.getMessage());
            return Optional.empty();
        }
    }
}
