package io.foresail.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.foresail.config.reload.ConfigLoader;
import io.foresail.config.reload.LoadResult;
import io.foresail.config.reload.SourceFingerprint;
import io.foresail.config.table.RoutingTable;
import io.foresail.core.testing.GatewayYaml;
import io.foresail.tls.context.TlsContextCache;
import io.foresail.tls.context.TlsContextLoader;
import io.foresail.tls.context.TlsProvider;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigReloaderTest {

    @TempDir
    Path dir;

    private final ExecutorService configThread = Executors.newSingleThreadExecutor();
    private final ConfigLoader configLoader = new ConfigLoader(Optional.empty());
    private final TlsContextLoader tlsLoader = new TlsContextLoader(TlsProvider.JDK, new TlsContextCache(), Clock.systemUTC());
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<ProxySnapshot> published = new CopyOnWriteArrayList<>();
    /** What the listeners report they could not follow for each published snapshot. */
    private volatile List<String> listenerErrors = List.of();
    /** The reloader's clock; a test that reads durations replaces it before {@link #watch}. */
    private Clock reloaderClock = Clock.systemUTC();
    private SnapshotHolder holder;
    private ConfigReloader reloader;

    @AfterEach
    void stopConfigThread() throws InterruptedException {
        configThread.shutdownNow();
        assertThat(configThread.awaitTermination(5, TimeUnit.SECONDS)).as("config thread stops").isTrue();
    }

    /** Serves {@code sources} as loaded now (version 1) and watches them. */
    private void watch(Path... sources) {
        List<Path> paths = List.of(sources);
        SourceFingerprint fingerprint = SourceFingerprint.of(paths);
        LoadResult loaded = configLoader.load(paths);
        assertThat(loaded).as("the first config loads: %s", loaded.findings()).isInstanceOf(LoadResult.Loaded.class);
        RoutingTable table = ((LoadResult.Loaded) loaded).table();
        holder = new SnapshotHolder(new ProxySnapshot(table, 1));
        CertificateReloader certificates = new CertificateReloader(holder, tlsLoader, configThread,
                CertificateReloader.fingerprintOf(table));
        reloader = new ConfigReloader(paths, configLoader, tlsLoader, holder, certificates, configThread, fingerprint,
                snapshot -> {
                    published.add(snapshot);
                    return listenerErrors;
                }, registry, reloaderClock);
    }

    private ReloadCheck check() throws Exception {
        return reloader.check().get(10, TimeUnit.SECONDS);
    }

    /** Checks twice, as two ticks of the loop do: the first sees the change, the second loads it. */
    private ReloadCheck settleAndCheck() throws Exception {
        assertThat(check()).as("the first tick after a change only notes it").isInstanceOf(ReloadCheck.Settling.class);
        return check();
    }

    private static Path write(Path file, String text) throws Exception {
        return Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /** Writes a sibling temporary file and renames it over {@code file}, as editors and config tools do. */
    private static void replaceAtomically(Path file, String text) throws Exception {
        Path next = write(file.resolveSibling("." + file.getFileName() + ".tmp"), text);
        Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private double count(String result) {
        return registry.counter("foresail.config.reload", "result", result).count();
    }

    @Test
    void inPlaceEditIsPublishedAsTheNextVersionAfterOneStableTick() throws Exception {
        Path config = write(dir.resolve("edge.yaml"), GatewayYaml.plainHttp("one", 8080, 9001));
        watch(config);
        String before = holder.current().table().contentHash();

        write(config, GatewayYaml.plainHttp("one", 8080, 9002));
        ReloadCheck outcome = settleAndCheck();

        assertThat(outcome).as("the edited config is published").isInstanceOf(ReloadCheck.Published.class);
        ProxySnapshot now = holder.current();
        assertThat(now.version()).as("version").isEqualTo(2);
        assertThat(now.table().contentHash()).as("content hash").isNotEqualTo(before);
        assertThat(now.table().clusters().values().iterator().next().endpoints().get(0).port())
                .as("the new endpoint is served").isEqualTo(9002);
        assertThat(published).as("handed to the listeners").containsExactly(now);
        assertThat(count("accepted")).as("accepted reloads").isEqualTo(1);
        assertThat(reloader.status().version()).as("status version").isEqualTo(2);
    }

    @Test
    void unchangedSourcesAreNotLoadedAgain() throws Exception {
        Path config = write(dir.resolve("edge.yaml"), GatewayYaml.plainHttp("one", 8080, 9001));
        watch(config);

        assertThat(check()).as("nothing changed: only the certificates are looked at")
                .isEqualTo(new ReloadCheck.Certificates(new CertificateCheck.Unchanged()));
        assertThat(holder.current().version()).as("version").isEqualTo(1);
    }

    @Test
    void aChangeStillMovingIsLoadedOnlyOnceItHoldsForATick() throws Exception {
        Path config = write(dir.resolve("edge.yaml"), GatewayYaml.plainHttp("one", 8080, 9001));
        watch(config);

        write(config, GatewayYaml.plainHttp("one", 8080, 9002));
        assertThat(check()).as("first change noted").isInstanceOf(ReloadCheck.Settling.class);
        write(config, GatewayYaml.plainHttp("one", 8080, 9003));
        assertThat(check()).as("changed again: still settling").isInstanceOf(ReloadCheck.Settling.class);
        assertThat(holder.current().version()).as("nothing published while moving").isEqualTo(1);

        assertThat(check()).as("stable for a tick").isInstanceOf(ReloadCheck.Published.class);
        assertThat(holder.current().table().clusters().values().iterator().next().endpoints().get(0).port())
                .as("the last written version is served").isEqualTo(9003);
    }

    @Test
    void atomicRenameOverTheFileIsPublished() throws Exception {
        Path config = write(dir.resolve("edge.yaml"), GatewayYaml.plainHttp("one", 8080, 9001));
        watch(config);

        replaceAtomically(config, GatewayYaml.plainHttp("one", 8081, 9001));

        assertThat(settleAndCheck()).isInstanceOf(ReloadCheck.Published.class);
        assertThat(holder.current().table().ports()).as("ports after the rename").containsExactly(8081);
    }

    @Test
    void filesAddedToAndRemovedFromAFolderArePublished() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("conf"));
        write(folder.resolve("a.yaml"), GatewayYaml.plainHttp("one", 8080, 9001));
        watch(folder);

        Path added = write(folder.resolve("b.yaml"), GatewayYaml.plainHttp("two", 8081, 9002));
        assertThat(settleAndCheck()).as("file added").isInstanceOf(ReloadCheck.Published.class);
        assertThat(holder.current().table().ports()).as("ports with b.yaml").containsExactlyInAnyOrder(8080, 8081);

        Files.delete(added);
        assertThat(settleAndCheck()).as("file removed").isInstanceOf(ReloadCheck.Published.class);
        assertThat(holder.current().table().ports()).as("ports without b.yaml").containsExactly(8080);
        assertThat(holder.current().version()).as("version").isEqualTo(3);
    }

    @Test
    void kubernetesDataSymlinkSwapIsPublished() throws Exception {
        Path mount = Files.createDirectory(dir.resolve("mount"));
        Path first = Files.createDirectory(mount.resolve("..2026_11_22_01"));
        write(first.resolve("edge.yaml"), GatewayYaml.plainHttp("one", 8080, 9001));
        Files.createSymbolicLink(mount.resolve("..data"), first.getFileName());
        Files.createSymbolicLink(mount.resolve("edge.yaml"), Path.of("..data", "edge.yaml"));
        watch(mount);

        Path second = Files.createDirectory(mount.resolve("..2026_11_22_02"));
        write(second.resolve("edge.yaml"), GatewayYaml.plainHttp("one", 8082, 9001));
        Path newData = Files.createSymbolicLink(mount.resolve("..data_tmp"), second.getFileName());
        Files.move(newData, mount.resolve("..data"), StandardCopyOption.ATOMIC_MOVE);

        assertThat(settleAndCheck()).isInstanceOf(ReloadCheck.Published.class);
        assertThat(holder.current().table().ports()).as("ports after the swap").containsExactly(8082);
    }

    @Test
    void rejectedConfigKeepsTheServedSnapshotAndIsReportedOnce() throws Exception {
        Path config = write(dir.resolve("edge.yaml"), GatewayYaml.plainHttp("one", 8080, 9001));
        watch(config);
        ProxySnapshot served = holder.current();

        write(config, GatewayYaml.BROKEN);
        ReloadCheck outcome = settleAndCheck();

        assertThat(outcome).as("the broken config is rejected").isInstanceOf(ReloadCheck.Rejected.class);
        assertThat(((ReloadCheck.Rejected) outcome).errors()).as("its errors").isNotEmpty();
        assertThat(holder.current()).as("the previous snapshot keeps serving").isSameAs(served);
        assertThat(published).as("nothing handed to the listeners").isEmpty();
        assertThat(reloader.status().lastError()).as("last error remembered")
                .isEqualTo(((ReloadCheck.Rejected) outcome).errors());
        assertThat(reloader.status().rejectedAt()).as("rejection time").isPresent();
        assertThat(check()).as("the same broken config is not loaded again")
                .isInstanceOf(ReloadCheck.Certificates.class);
        assertThat(count("rejected")).as("rejected reloads").isEqualTo(1);
        assertThat(count("accepted")).as("accepted reloads").isZero();
    }

    @Test
    void configFixedAfterARejectionIsPublished() throws Exception {
        Path config = write(dir.resolve("edge.yaml"), GatewayYaml.plainHttp("one", 8080, 9001));
        watch(config);
        write(config, GatewayYaml.BROKEN);
        assertThat(settleAndCheck()).isInstanceOf(ReloadCheck.Rejected.class);

        write(config, GatewayYaml.plainHttp("one", 8080, 9005));

        assertThat(settleAndCheck()).isInstanceOf(ReloadCheck.Published.class);
        assertThat(holder.current().version()).as("version").isEqualTo(2);
    }

    @Test
    void sourcesChangedWithoutChangingTheirContentAreNotPublished() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("conf"));
        Path file = write(folder.resolve("a.yaml"), GatewayYaml.plainHttp("one", 8080, 9001));
        watch(folder);

        Files.move(file, folder.resolve("b.yaml"));

        assertThat(settleAndCheck()).as("same bytes under another name").isInstanceOf(ReloadCheck.SameContent.class);
        assertThat(holder.current().version()).as("version").isEqualTo(1);
        assertThat(published).as("nothing handed to the listeners").isEmpty();
    }

    @Test
    void portTheListenersCannotBindIsShownInTheStatusAndTheConfigStillServes() throws Exception {
        Path config = write(dir.resolve("edge.yaml"), GatewayYaml.plainHttp("one", 8080, 9001));
        watch(config);
        listenerErrors = List.of("port 9090: Address already in use");

        replaceAtomically(config, GatewayYaml.plainHttp("one", 9090, 9001));
        ReloadCheck outcome = settleAndCheck();

        assertThat(outcome).as("published all the same").isInstanceOf(ReloadCheck.Published.class);
        assertThat(reloader.status().version()).as("status version").isEqualTo(2);
        assertThat(reloader.status().listenerErrors()).as("listener errors")
                .containsExactly("port 9090: Address already in use");
        assertThat(count("accepted")).as("accepted reloads").isEqualTo(1);
    }

    @Test
    void nextPublishedConfigReplacesTheListenerErrors() throws Exception {
        Path config = write(dir.resolve("edge.yaml"), GatewayYaml.plainHttp("one", 8080, 9001));
        watch(config);
        listenerErrors = List.of("port 9090: Address already in use");
        replaceAtomically(config, GatewayYaml.plainHttp("one", 9090, 9001));
        settleAndCheck();
        listenerErrors = List.of();

        replaceAtomically(config, GatewayYaml.plainHttp("one", 8080, 9001));
        settleAndCheck();

        assertThat(reloader.status().listenerErrors()).as("listener errors after a config every listener follows").isEmpty();
    }

    @Test
    void publishedSnapshotCarriesItsLoadTimeAndSourceFiles() throws Exception {
        Path config = write(dir.resolve("edge.yaml"), GatewayYaml.plainHttp("one", 8080, 9001));
        watch(config);
        Instant before = Instant.now();

        write(config, GatewayYaml.plainHttp("one", 8080, 9002));
        settleAndCheck();

        ConfigOrigin origin = holder.current().origin();
        assertThat(origin.sources()).as("source files").containsExactly(config.toString());
        assertThat(origin.loadedAt()).as("load time").isAfterOrEqualTo(before.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        assertThat(reloader.status().loadedAt()).as("status load time").isEqualTo(origin.loadedAt());
        assertThat(reloader.status().sources()).as("status sources").isEqualTo(origin.sources());
    }

    @Test
    void statusTellsHowLongThePublishingReloadTookByTheReloadersClock() throws Exception {
        reloaderClock = new SteppingClock(Instant.parse("2026-11-22T03:04:05Z"), Duration.ofMillis(37));
        Path config = write(dir.resolve("edge.yaml"), GatewayYaml.plainHttp("one", 8080, 9001));
        watch(config);
        assertThat(reloader.status().reloadDuration()).as("no reload yet: the config loaded at start").isEmpty();

        write(config, GatewayYaml.plainHttp("one", 8080, 9002));
        settleAndCheck();

        assertThat(reloader.status().reloadDuration()).as("one clock step: start of loading to publication")
                .contains(Duration.ofMillis(37));
    }

    @Test
    void rejectedConfigKeepsTheDurationOfTheServedOne() throws Exception {
        reloaderClock = new SteppingClock(Instant.parse("2026-11-22T03:04:05Z"), Duration.ofMillis(5));
        Path config = write(dir.resolve("edge.yaml"), GatewayYaml.plainHttp("one", 8080, 9001));
        watch(config);
        write(config, GatewayYaml.plainHttp("one", 8080, 9002));
        settleAndCheck();

        write(config, "kind: [unclosed");
        assertThat(settleAndCheck()).as("the broken config").isInstanceOf(ReloadCheck.Rejected.class);

        assertThat(reloader.status().reloadDuration()).as("the served config's reload duration")
                .contains(Duration.ofMillis(5));
    }

    /** A clock that moves on by {@code step} each time it is read, so a duration is a count of reads. */
    private static final class SteppingClock extends Clock {
        private final Duration step;
        private Instant next;

        SteppingClock(Instant start, Duration step) {
            this.next = start;
            this.step = step;
        }

        @Override
        public synchronized Instant instant() {
            Instant now = next;
            next = next.plus(step);
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("withZone: " + zone + " (expected: not called)");
        }
    }
}
