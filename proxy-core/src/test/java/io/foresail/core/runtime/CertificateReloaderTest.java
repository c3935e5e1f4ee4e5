package io.foresail.core.runtime;

import static io.foresail.core.testing.RoutingTables.endpoint;
import static org.assertj.core.api.Assertions.assertThat;

import io.foresail.config.table.CertificateFiles;
import io.foresail.config.table.RoutingTable;
import io.foresail.config.table.ServerTlsSettings;
import io.foresail.config.table.TlsVersion;
import io.foresail.core.testing.RoutingTables;
import io.foresail.tls.context.TlsContextCache;
import io.foresail.tls.context.TlsContextLoader;
import io.foresail.tls.context.TlsLoadResult;
import io.foresail.tls.context.TlsProvider;
import io.foresail.tls.testing.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateReloaderTest {

    @TempDir
    Path dir;

    private final ExecutorService configThread = Executors.newSingleThreadExecutor();
    private final TlsContextLoader loader = new TlsContextLoader(TlsProvider.JDK, new TlsContextCache(), Clock.systemUTC());
    private TestPki pki;
    private TestPki.Issued first;
    private TestPki.Issued second;

    @BeforeEach
    void certificates() {
        pki = TestPki.create(dir);
        first = pki.server("edge.example.com");
        second = pki.server("edge.example.com");
    }

    @AfterEach
    void stopConfigThread() throws InterruptedException {
        configThread.shutdownNow();
        assertThat(configThread.awaitTermination(5, TimeUnit.SECONDS)).as("config thread stops").isTrue();
    }

    /** Port 443 terminating edge.example.com with the certificate and key at {@code chain} and {@code key}. */
    private static RoutingTable table(Path chain, Path key) {
        ServerTlsSettings settings = new ServerTlsSettings(new CertificateFiles(chain, key, Optional.empty(), "test edge"),
                Optional.empty(), TlsVersion.TLS_AUTO, TlsVersion.TLS_AUTO, List.of());
        return RoutingTables.builder()
                .cluster("edge.internal", endpoint("127.0.0.1", 9, 1))
                .terminatingChain(443, "https.443.edge", List.of("edge.example.com"), settings, "*", "edge.internal")
                .build();
    }

    private static ServerTlsSettings settingsOf(ProxySnapshot snapshot) {
        return snapshot.table().listener(443).tlsChains().get(0).termination().orElseThrow();
    }

    private static Path copy(Path from, Path to) throws Exception {
        return Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
    }

    /** A holder serving {@code table} with contexts loaded now, and a reloader watching it. */
    private record Watched(SnapshotHolder holder, CertificateReloader reloader) {
    }

    private Watched watch(RoutingTable table) {
        String fingerprint = CertificateReloader.fingerprintOf(table);
        TlsLoadResult loaded = loader.load(table);
        assertThat(loaded).as("the first certificate loads").isInstanceOf(TlsLoadResult.Loaded.class);
        SnapshotHolder holder = new SnapshotHolder(new ProxySnapshot(table, ((TlsLoadResult.Loaded) loaded).contexts(), 1));
        return new Watched(holder, new CertificateReloader(holder, loader, configThread, fingerprint));
    }

    private static CertificateCheck check(Watched watched) throws Exception {
        return watched.reloader().check().get(10, TimeUnit.SECONDS);
    }

    @Test
    void replacedFilesPublishContextsServingTheNewCertificate() throws Exception {
        Path chain = copy(first.chainFile(), dir.resolve("tls.crt"));
        Path key = copy(first.pkcs8KeyFile(), dir.resolve("tls.key"));
        Watched watched = watch(table(chain, key));
        ProxySnapshot before = watched.holder().current();
        assertThat(ServedCertificate.of(before.tls().server(settingsOf(before)))).isEqualTo(first.certificate());

        copy(second.chainFile(), chain);
        copy(second.pkcs8KeyFile(), key);
        CertificateCheck outcome = check(watched);

        assertThat(outcome).isInstanceOf(CertificateCheck.Published.class);
        ProxySnapshot after = watched.holder().current();
        assertThat(((CertificateCheck.Published) outcome).snapshot()).isSameAs(after);
        assertThat(after.table()).as("the same table, only the contexts change").isSameAs(before.table());
        assertThat(after.version()).isEqualTo(before.version() + 1);
        assertThat(ServedCertificate.of(after.tls().server(settingsOf(after)))).as("new contexts serve the new certificate")
                .isEqualTo(second.certificate());
    }

    @Test
    void unchangedFilesPublishNothing() throws Exception {
        Watched watched = watch(table(first.chainFile(), first.pkcs8KeyFile()));
        ProxySnapshot before = watched.holder().current();

        assertThat(check(watched)).isInstanceOf(CertificateCheck.Unchanged.class);
        assertThat(check(watched)).isInstanceOf(CertificateCheck.Unchanged.class);
        assertThat(watched.holder().current()).isSameAs(before);
    }

    @Test
    void brokenKeyKeepsTheOldSnapshotUntilTheFilesChangeAgain() throws Exception {
        Path chain = copy(first.chainFile(), dir.resolve("tls.crt"));
        Path key = copy(first.pkcs8KeyFile(), dir.resolve("tls.key"));
        Watched watched = watch(table(chain, key));
        ProxySnapshot before = watched.holder().current();

        copy(second.chainFile(), chain); // the key is not replaced yet: it does not match the new certificate
        CertificateCheck rejected = check(watched);

        assertThat(rejected).isInstanceOf(CertificateCheck.Rejected.class);
        assertThat(((CertificateCheck.Rejected) rejected).errors()).as("each problem names its file")
                .isNotEmpty().allSatisfy(problem -> assertThat(problem.file()).isPresent());
        assertThat(watched.holder().current()).as("the old certificate keeps serving").isSameAs(before);
        assertThat(check(watched)).as("the same bad files are not tried (nor reported) again")
                .isInstanceOf(CertificateCheck.Unchanged.class);

        copy(second.pkcs8KeyFile(), key);
        assertThat(check(watched)).as("the next change is tried").isInstanceOf(CertificateCheck.Published.class);
        ProxySnapshot after = watched.holder().current();
        assertThat(after.version()).isEqualTo(2);
        assertThat(ServedCertificate.of(after.tls().server(settingsOf(after)))).isEqualTo(second.certificate());
    }

    @Test
    void kubernetesDataSymlinkSwapIsPickedUp() throws Exception {
        Path secret = Files.createDirectories(dir.resolve("secret"));
        Path firstVersion = Files.createDirectories(secret.resolve("..2026_11_21_22_00_00.1"));
        copy(first.chainFile(), firstVersion.resolve("tls.crt"));
        copy(first.pkcs8KeyFile(), firstVersion.resolve("tls.key"));
        Files.createSymbolicLink(secret.resolve("..data"), firstVersion.getFileName());
        Path chain = Files.createSymbolicLink(secret.resolve("tls.crt"), Path.of("..data", "tls.crt"));
        Path key = Files.createSymbolicLink(secret.resolve("tls.key"), Path.of("..data", "tls.key"));
        Watched watched = watch(table(chain, key));

        // What the kubelet does: write the new version aside, then swap ..data atomically.
        Path secondVersion = Files.createDirectories(secret.resolve("..2026_11_21_23_00_00.2"));
        copy(second.chainFile(), secondVersion.resolve("tls.crt"));
        copy(second.pkcs8KeyFile(), secondVersion.resolve("tls.key"));
        Path newData = Files.createSymbolicLink(secret.resolve("..data_tmp"), secondVersion.getFileName());
        Files.move(newData, secret.resolve("..data"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);

        assertThat(check(watched)).isInstanceOf(CertificateCheck.Published.class);
        ProxySnapshot after = watched.holder().current();
        assertThat(ServedCertificate.of(after.tls().server(settingsOf(after)))).isEqualTo(second.certificate());
    }

    @Test
    void aNewlyPublishedTableIsWatchedFromItsFilesAsTheyAre() throws Exception {
        Watched watched = watch(table(first.chainFile(), first.pkcs8KeyFile()));
        RoutingTable other = table(second.chainFile(), second.pkcs8KeyFile());
        TlsLoadResult.Loaded loaded = (TlsLoadResult.Loaded) loader.load(other);
        ProxySnapshot published = new ProxySnapshot(other, loaded.contexts(), 2);
        watched.holder().publish(published);

        assertThat(check(watched)).as("its publisher built its contexts").isInstanceOf(CertificateCheck.Unchanged.class);
        assertThat(watched.holder().current()).isSameAs(published);

        copy(first.chainFile(), second.chainFile());
        copy(first.pkcs8KeyFile(), second.pkcs8KeyFile());
        assertThat(check(watched)).as("its files are watched from then on").isInstanceOf(CertificateCheck.Published.class);
        assertThat(watched.holder().current().version()).isEqualTo(3);
    }
}
