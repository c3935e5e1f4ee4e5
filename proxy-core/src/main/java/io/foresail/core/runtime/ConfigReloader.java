package io.foresail.core.runtime;

import io.foresail.config.model.ConfigError;
import io.foresail.config.reload.ConfigLoader;
import io.foresail.config.reload.LoadResult;
import io.foresail.config.reload.SourceFingerprint;
import io.foresail.config.table.RoutingTable;
import io.foresail.tls.context.TlsContextLoader;
import io.foresail.tls.context.TlsLoadResult;
import io.foresail.tls.context.TlsProblem;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * The one reload loop: each {@link #check()} fingerprints the config sources ({@link SourceFingerprint})
 * and, when they changed and stayed so for one more check (a debounce against half-written edits),
 * loads them: a rejected config logs each error once, is counted as
 * {@code foresail.config.reload{result=rejected}} and leaves the previous snapshot serving; a loaded
 * config with a new content hash gets its SSL contexts built and is published as
 * {@code new ProxySnapshot(table, contexts, version + 1)}, counted as {@code result=accepted}, and
 * handed to {@code onPublished} (the listeners follow its Gateway ports; ports that cannot be bound
 * are logged once and shown in {@link #status()}). When the sources are
 * unchanged the same check asks the {@link CertificateReloader} whether certificate files changed.
 *
 * <p>Everything runs on the single config thread given, so the state here needs no lock; only
 * {@link #status()} is read from other threads.
 */
public final class ConfigReloader {

    private static final System.Logger LOG = System.getLogger(ConfigReloader.class.getName());

    private final List<Path> sources;
    private final ConfigLoader configLoader;
    private final TlsContextLoader tlsLoader;
    private final SnapshotHolder snapshots;
    private final CertificateReloader certificates;
    private final Executor configThread;
    private final Function<ProxySnapshot, List<String>> onPublished;
    private final Clock clock;
    private final Counter accepted;
    private final Counter rejected;
    /** The fingerprint last loaded (or found unchanged); confined to the config thread. */
    private String appliedFingerprint;
    /** A changed fingerprint seen on the previous check and not loaded yet, else {@code null}; confined to the config thread. */
    private String settlingFingerprint;
    private volatile ReloadStatus status;

    /**
     * @param initial     the fingerprint of the sources taken before the served config was loaded,
     *                    so that a change made since is not missed
     * @param onPublished runs on the config thread after each published config and returns what the
     *                    listeners could not follow (one line per port that could not be bound, naming it)
     */
    public ConfigReloader(List<Path> sources, ConfigLoader configLoader, TlsContextLoader tlsLoader,
                          SnapshotHolder snapshots, CertificateReloader certificates, Executor configThread,
                          SourceFingerprint initial, Function<ProxySnapshot, List<String>> onPublished, MeterRegistry registry,
                          Clock clock) {
        this.sources = List.copyOf(sources);
        this.configLoader = Objects.requireNonNull(configLoader, "configLoader");
        this.tlsLoader = Objects.requireNonNull(tlsLoader, "tlsLoader");
        this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
        this.certificates = Objects.requireNonNull(certificates, "certificates");
        this.configThread = Objects.requireNonNull(configThread, "configThread");
        this.onPublished = Objects.requireNonNull(onPublished, "onPublished");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.accepted = counter(registry, "accepted");
        this.rejected = counter(registry, "rejected");
        this.appliedFingerprint = initial.value();
        ProxySnapshot current = snapshots.current();
        ConfigOrigin origin = current.origin().equals(ConfigOrigin.UNKNOWN)
                ? new ConfigOrigin(clock.instant(), initial.files())
                : current.origin();
        this.status = new ReloadStatus(current.version(), current.table().contentHash(), origin.loadedAt(),
                origin.sources(), List.of(), Optional.empty(), List.of(), Optional.empty());
    }

    private static Counter counter(MeterRegistry registry, String result) {
        return Counter.builder("foresail.config.reload")
                .tag("result", result)
                .description("Changed configurations loaded: accepted and published, or rejected")
                .register(registry);
    }

    /** The served config and the last rejected one; safe from any thread. */
    public ReloadStatus status() {
        return status;
    }

    /**
     * Checks the config sources on the config thread, and the certificate files when the sources are
     * unchanged. Never completes exceptionally for a bad config ({@link ReloadCheck.Rejected} then).
     */
    public CompletableFuture<ReloadCheck> check() {
        return check(true);
    }

    /**
     * As {@link #check()}; the certificate files are checked only when {@code certificatesDue}
     * (the running proxy checks them at their own, usually longer, interval).
     */
    public CompletableFuture<ReloadCheck> check(boolean certificatesDue) {
        CompletableFuture<ReloadCheck> checked = CompletableFuture.supplyAsync(this::checkSources, configThread)
                .thenCompose(outcome -> outcome.isPresent() || !certificatesDue
                        ? CompletableFuture.completedFuture(outcome.orElseGet(
                                () -> new ReloadCheck.Certificates(new CertificateCheck.Unchanged())))
                        : certificates.check().thenApply(ReloadCheck.Certificates::new));
        checked.whenComplete((outcome, failure) -> {
            if (failure != null) {
                LOG.log(System.Logger.Level.WARNING, "config check failed", failure);
            }
        });
        return checked;
    }

    /** Checks the certificate files only (config checks are off). */
    public CompletableFuture<ReloadCheck> checkCertificates() {
        return certificates.check().thenApply(ReloadCheck.Certificates::new);
    }

    /** Empty when the sources are unchanged. */
    private Optional<ReloadCheck> checkSources() {
        SourceFingerprint fingerprint = SourceFingerprint.of(sources);
        if (fingerprint.value().equals(appliedFingerprint)) {
            settlingFingerprint = null;
            return Optional.empty();
        }
        if (!fingerprint.value().equals(settlingFingerprint)) {
            settlingFingerprint = fingerprint.value();
            return Optional.of(new ReloadCheck.Settling());
        }
        settlingFingerprint = null;
        appliedFingerprint = fingerprint.value();
        return Optional.of(load(fingerprint));
    }

    private ReloadCheck load(SourceFingerprint fingerprint) {
        Instant started = clock.instant();
        LoadResult result = configLoader.load(sources);
        if (result instanceof LoadResult.Rejected rejectedConfig) {
            return reject(rejectedConfig.findings().stream().filter(ConfigError::isError).map(ConfigError::toString).toList());
        }
        for (ConfigError warning : result.findings()) {
            LOG.log(System.Logger.Level.WARNING, "config reload: " + warning);
        }
        RoutingTable table = ((LoadResult.Loaded) result).table();
        ProxySnapshot current = snapshots.current();
        if (table.contentHash().equals(current.table().contentHash())) {
            return new ReloadCheck.SameContent();
        }
        String certificateFingerprint = CertificateReloader.fingerprintOf(table);
        TlsLoadResult tls = tlsLoader.load(table);
        for (TlsProblem warning : tls.warnings()) {
            LOG.log(System.Logger.Level.WARNING, "config reload: " + warning.message());
        }
        if (tls instanceof TlsLoadResult.Rejected rejectedTls) {
            return reject(rejectedTls.errors().stream().map(TlsProblem::message).toList());
        }
        ProxySnapshot next = new ProxySnapshot(table, ((TlsLoadResult.Loaded) tls).contexts(), current.version() + 1,
                new ConfigOrigin(clock.instant(), fingerprint.files()));
        certificates.adopt(table, certificateFingerprint);
        snapshots.publish(next);
        Duration took = Duration.between(started, next.origin().loadedAt());
        accepted.increment();
        status = status.loaded(next, took);
        LOG.log(System.Logger.Level.INFO, "config reloaded: snapshot version " + next.version()
                + ", content hash " + table.contentHash() + ", in " + took.toMillis() + " ms");
        List<String> listenerErrors = onPublished.apply(next);
        for (String error : listenerErrors) {
            LOG.log(System.Logger.Level.WARNING, "config reloaded, but a listener cannot follow it (other ports keep serving): "
                    + error);
        }
        status = status.withListenerErrors(listenerErrors);
        return new ReloadCheck.Published(next);
    }

    private ReloadCheck reject(List<String> errors) {
        for (String error : errors) {
            LOG.log(System.Logger.Level.WARNING, "config reload rejected, the previous config keeps serving: " + error);
        }
        rejected.increment();
        status = status.rejected(errors, clock.instant());
        return new ReloadCheck.Rejected(errors);
    }
}
