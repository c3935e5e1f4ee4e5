package io.foresail.core.runtime;

import io.foresail.config.table.RoutingTable;
import io.foresail.tls.context.TlsContextLoader;
import io.foresail.tls.context.TlsFiles;
import io.foresail.tls.context.TlsLoadResult;
import io.foresail.tls.context.TlsProblem;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Keeps the served certificates in step with their files: each {@link #check()} fingerprints every
 * file the current table's TLS settings reference (certificates, keys, password files, CA bundles,
 * revocation lists) and, when the fingerprint changed, rebuilds the SSL contexts and publishes
 * {@code new ProxySnapshot(sameTable, newContexts, version + 1)}. Files are read through their paths
 * each time, so a Kubernetes Secret mount swapping its {@code ..data} symlink is picked up.
 *
 * <p>A rebuild that fails (a half-written key, a certificate that does not match its key) logs each
 * problem once and keeps the previous snapshot; the next change to the files is tried again. Connections
 * already open keep the certificate they were handshaken with.
 *
 * <p>All work runs on the single config thread given: reading files and building contexts never
 * touch an event loop, and the reloader's state needs no lock. The running proxy calls {@link #check()}
 * every {@code --certificate-check-interval}; tests call it directly and wait on the result.
 */
public final class CertificateReloader {

    private static final System.Logger LOG = System.getLogger(CertificateReloader.class.getName());

    private final SnapshotHolder snapshots;
    private final TlsContextLoader loader;
    private final Executor configThread;
    /** The table whose files were last fingerprinted; confined to the config thread. */
    private RoutingTable watchedTable;
    /** The fingerprint of {@link #watchedTable}'s files when last looked at; confined to the config thread. */
    private String watchedFingerprint;

    /**
     * @param snapshots          where the current table is read and rebuilt snapshots are published
     * @param loader             builds the contexts (its cache keeps unchanged certificates' contexts)
     * @param configThread       a single thread; every check and rebuild runs there
     * @param loadedFingerprint  {@link #fingerprintOf} the current table's files, taken before its
     *                           contexts were loaded, so that a change made since is not missed
     */
    public CertificateReloader(SnapshotHolder snapshots, TlsContextLoader loader, Executor configThread,
                               String loadedFingerprint) {
        this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
        this.loader = Objects.requireNonNull(loader, "loader");
        this.configThread = Objects.requireNonNull(configThread, "configThread");
        this.watchedTable = snapshots.current().table();
        this.watchedFingerprint = Objects.requireNonNull(loadedFingerprint, "loadedFingerprint");
    }

    /** The fingerprint of every file {@code table}'s TLS settings reference. Reads the files: call it off the event loop. */
    public static String fingerprintOf(RoutingTable table) {
        return TlsFiles.fingerprint(TlsFiles.referencedBy(table));
    }

    /**
     * Fingerprints the current table's files on the config thread and rebuilds and publishes its
     * contexts when they changed. Completes once that is done; never completes exceptionally for a
     * bad certificate ({@link CertificateCheck.Rejected} then).
     */
    public CompletableFuture<CertificateCheck> check() {
        CompletableFuture<CertificateCheck> checked = CompletableFuture.supplyAsync(this::changedTable, configThread)
                .thenCompose(changed -> changed == null
                        ? CompletableFuture.completedFuture(new CertificateCheck.Unchanged())
                        : loader.loadAsync(changed, configThread).thenApply(result -> apply(changed, result)));
        checked.whenComplete((outcome, failure) -> {
            if (failure != null) {
                LOG.log(System.Logger.Level.WARNING, "certificate check failed", failure);
            }
        });
        return checked;
    }

    /**
     * Watches {@code table}'s files from {@code fingerprint} on: the config reloader calls it on the
     * config thread before publishing a new table whose contexts were built after that fingerprint was taken.
     */
    void adopt(RoutingTable table, String fingerprint) {
        watchedTable = Objects.requireNonNull(table, "table");
        watchedFingerprint = Objects.requireNonNull(fingerprint, "fingerprint");
    }

    /** The current table when its files changed since last seen, else {@code null}. */
    private RoutingTable changedTable() {
        RoutingTable table = snapshots.current().table();
        String fingerprint = fingerprintOf(table);
        if (table != watchedTable) {
            // A new table was published with contexts built from its files as they were then.
            watchedTable = table;
            watchedFingerprint = fingerprint;
            return null;
        }
        if (fingerprint.equals(watchedFingerprint)) {
            return null;
        }
        watchedFingerprint = fingerprint;
        return table;
    }

    private CertificateCheck apply(RoutingTable table, TlsLoadResult result) {
        for (TlsProblem warning : result.warnings()) {
            LOG.log(System.Logger.Level.WARNING, "certificate reload: " + warning.message());
        }
        if (result instanceof TlsLoadResult.Rejected rejected) {
            for (TlsProblem error : rejected.errors()) {
                LOG.log(System.Logger.Level.WARNING, "certificate reload rejected, the previous certificates keep serving: "
                        + error.message());
            }
            return new CertificateCheck.Rejected(rejected.errors());
        }
        ProxySnapshot current = snapshots.current();
        if (current.table() != table) {
            // Superseded while loading: the newer table came with contexts of its own.
            return new CertificateCheck.Unchanged();
        }
        ProxySnapshot next = new ProxySnapshot(table, ((TlsLoadResult.Loaded) result).contexts(), current.version() + 1,
                current.origin());
        snapshots.publish(next);
        LOG.log(System.Logger.Level.INFO, "certificates reloaded: snapshot version " + next.version());
        return new CertificateCheck.Published(next);
    }
}
