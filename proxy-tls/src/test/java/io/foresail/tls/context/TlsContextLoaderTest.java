package io.foresail.tls.context;

import static io.foresail.tls.context.TlsTables.loaded;
import static io.foresail.tls.context.TlsTables.simple;
import static io.foresail.tls.context.TlsTables.table;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.foresail.config.table.CertificateFiles;
import io.foresail.config.table.ClientCertificateValidation;
import io.foresail.config.table.RoutingTable;
import io.foresail.config.table.ServerTlsSettings;
import io.foresail.config.table.TlsVersion;
import io.foresail.config.table.UpstreamTlsSettings;
import io.foresail.tls.testing.TestPki;
import io.foresail.tls.testing.TestPki.Issued;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsContextLoaderTest {

    @TempDir
    static Path directory;
    private static TestPki pki;
    private static Issued app;
    private static Issued api;

    @BeforeAll
    static void issue() {
        pki = TestPki.create(directory);
        app = pki.server("app.test");
        api = pki.server("api.test");
    }

    @Test
    void collectsEveryErrorOfEveryChainAndClusterWithSourceAndFile() {
        Path missing = directory.resolve("missing.crt");
        ServerTlsSettings unreadable = simple(new CertificateFiles(missing, app.pkcs8KeyFile(), Optional.empty(), "credentialName gone"));
        ServerTlsSettings mismatched = simple(new CertificateFiles(app.chainFile(), api.pkcs8KeyFile(), Optional.empty(), "files"));
        UpstreamTlsSettings badCa = new UpstreamTlsSettings(Optional.empty(), Optional.of(app.pkcs8KeyFile()), "", List.of(), false);

        TlsLoadResult result = TlsTables.load(TlsProvider.JDK, List.of(unreadable, mismatched), List.of(badCa));

        assertThat(result).isInstanceOf(TlsLoadResult.Rejected.class);
        assertThat(((TlsLoadResult.Rejected) result).errors()).extracting(TlsProblem::message).containsExactly(
                "chain https.443.chain0 (credentialName gone): " + missing + ": cannot be read (no such file)",
                "chain https.443.chain1 (files): " + api.pkcs8KeyFile() + ": private key does not match the certificate "
                        + app.certificate().getSubjectX500Principal() + " in " + app.chainFile(),
                "cluster outbound|443||upstream0.test: " + app.pkcs8KeyFile() + ": caCertificates: no certificate in the file "
                        + "(expected: -----BEGIN CERTIFICATE-----)");
    }

    @Test
    void reportsACertificateErrorAndACaErrorOfOneChainTogether() {
        ServerTlsSettings settings = new ServerTlsSettings(new CertificateFiles(app.chainFile(), app.chainFile(), Optional.empty(), "x"),
                Optional.of(new ClientCertificateValidation(app.pkcs8KeyFile(), Optional.empty(), List.of(), true)),
                TlsVersion.TLS_AUTO, TlsVersion.TLS_AUTO, List.of());

        TlsLoadResult result = TlsTables.load(TlsProvider.JDK, List.of(settings), List.of());

        assertThat(((TlsLoadResult.Rejected) result).errors()).extracting(TlsProblem::fault)
                .anySatisfy(fault -> assertThat(fault).startsWith("no private key in the file"))
                .anySatisfy(fault -> assertThat(fault).startsWith("caCertificates: no certificate in the file"))
                .hasSize(2);
    }

    @Test
    void minimumAboveMaximumIsAnError() {
        ServerTlsSettings settings = new ServerTlsSettings(app.files(), Optional.empty(), TlsVersion.TLSV1_3, TlsVersion.TLSV1_2, List.of());

        TlsLoadResult result = TlsTables.load(TlsProvider.JDK, List.of(settings), List.of());

        assertThat(((TlsLoadResult.Rejected) result).errors()).extracting(TlsProblem::fault)
                .containsExactly("minProtocolVersion: TLSV1_3 is above maxProtocolVersion TLSV1_2");
    }

    @Test
    void unknownCipherNamesAreIgnoredWithAWarning() {
        ServerTlsSettings settings = new ServerTlsSettings(app.files(), Optional.empty(), TlsVersion.TLS_AUTO, TlsVersion.TLS_AUTO,
                List.of("ECDHE-RSA-AES128-GCM-SHA256", "NOT-A-CIPHER"));

        TlsLoadResult result = TlsTables.load(TlsProvider.JDK, List.of(settings), List.of());

        assertThat(result).isInstanceOf(TlsLoadResult.Loaded.class);
        assertThat(result.warnings()).extracting(TlsProblem::fault).singleElement().asString()
                .startsWith("cipherSuites: NOT-A-CIPHER is not supported by the JDK provider, ignored");
    }

    @Test
    void onlyUnknownCipherNamesIsAnError() {
        ServerTlsSettings settings = new ServerTlsSettings(app.files(), Optional.empty(), TlsVersion.TLS_AUTO, TlsVersion.TLS_AUTO,
                List.of("NOT-A-CIPHER"));

        TlsLoadResult result = TlsTables.load(TlsProvider.JDK, List.of(settings), List.of());

        assertThat(((TlsLoadResult.Rejected) result).errors()).extracting(TlsProblem::fault)
                .containsExactly("cipherSuites: none of [NOT-A-CIPHER] is supported by the JDK provider");
    }

    @Test
    void cipherNamesMapToIanaNamesForTheJdkAndStayOpenSslNamesForOpenSsl() {
        Problems problems = new Problems("test");

        assertThat(CipherSuites.forProvider(List.of("ECDHE-RSA-AES256-GCM-SHA384"), SslProvider.JDK, problems))
                .startsWith("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384").contains("TLS_AES_128_GCM_SHA256");
        if (OpenSsl.isAvailable()) {
            assertThat(CipherSuites.forProvider(List.of("ECDHE-RSA-AES256-GCM-SHA384"), SslProvider.OPENSSL, problems))
                    .startsWith("ECDHE-RSA-AES256-GCM-SHA384");
        }
        assertThat(problems.warnings()).isEmpty();
    }

    @Test
    void anExpiredCertificateLoadsWithAWarning() {
        Issued expired = pki.expiredServer("old.test");

        TlsLoadResult result = TlsTables.load(TlsProvider.JDK, List.of(simple(expired.files())), List.of());

        assertThat(result).isInstanceOf(TlsLoadResult.Loaded.class);
        assertThat(result.warnings()).extracting(TlsProblem::message).singleElement().asString()
                .startsWith("chain https.443.chain0 (test old.test): " + expired.chainFile() + ": certificate ")
                .contains("expired on");
    }

    @Test
    void aCrlFileThatIsNoCrlIsAnError() {
        ServerTlsSettings settings = new ServerTlsSettings(app.files(),
                Optional.of(new ClientCertificateValidation(pki.caFile(), Optional.of(app.chainFile()), List.of(), true)),
                TlsVersion.TLS_AUTO, TlsVersion.TLS_AUTO, List.of());

        TlsLoadResult result = TlsTables.load(TlsProvider.JDK, List.of(settings), List.of());

        assertThat(((TlsLoadResult.Rejected) result).errors()).extracting(TlsProblem::fault).singleElement().asString()
                .startsWith("caCrl: no revocation list in the file");
    }

    @Test
    void malformedCertificatePinsAreAnError() {
        ServerTlsSettings settings = new ServerTlsSettings(app.files(),
                Optional.of(new ClientCertificateValidation(pki.caFile(), Optional.empty(), List.of(), true, List.of("c2hvcnQ="), List.of())),
                TlsVersion.TLS_AUTO, TlsVersion.TLS_AUTO, List.of());

        TlsLoadResult result = TlsTables.load(TlsProvider.JDK, List.of(settings), List.of());

        assertThat(result).as("settings with a malformed pin get no context").isInstanceOf(TlsLoadResult.Rejected.class);
        assertThat(((TlsLoadResult.Rejected) result).errors()).extracting(TlsProblem::fault).singleElement().asString()
                .startsWith("verifyCertificateSpki[0]: \"c2hvcnQ=\"");
    }

    @Test
    void anUpstreamCrlFileThatIsNoCrlIsAnError() {
        UpstreamTlsSettings settings = new UpstreamTlsSettings(Optional.empty(), Optional.of(pki.caFile()), "", List.of(), false,
                Optional.of(app.chainFile()));

        TlsLoadResult result = TlsTables.load(TlsProvider.JDK, List.of(), List.of(settings));

        assertThat(result).as("settings with a broken revocation list get no context").isInstanceOf(TlsLoadResult.Rejected.class);
        assertThat(((TlsLoadResult.Rejected) result).errors()).extracting(TlsProblem::fault).singleElement().asString()
                .startsWith("caCrl: no revocation list in the file");
    }

    @Test
    void cacheReusesTheContextOfUnchangedFilesAndRebuildsAfterAChange() throws Exception {
        Issued first = pki.server("rotating.test");
        Issued second = pki.server("rotating.test");
        Path chain = directory.resolve("rotating.crt");
        Path key = directory.resolve("rotating.key");
        Files.copy(first.chainFile(), chain, StandardCopyOption.REPLACE_EXISTING);
        Files.copy(first.pkcs8KeyFile(), key, StandardCopyOption.REPLACE_EXISTING);
        ServerTlsSettings rotating = simple(new CertificateFiles(chain, key, Optional.empty(), "rotating"));
        ServerTlsSettings steady = simple(app.files());
        RoutingTable table = table(List.of(rotating, steady), List.of());
        TlsContextLoader loader = new TlsContextLoader(TlsProvider.JDK, new TlsContextCache(), Clock.systemUTC());

        TlsContexts before = loaded(loader.load(table));
        TlsContexts again = loaded(loader.load(table));
        Files.copy(second.chainFile(), chain, StandardCopyOption.REPLACE_EXISTING);
        Files.copy(second.pkcs8KeyFile(), key, StandardCopyOption.REPLACE_EXISTING);
        TlsContexts after = loaded(loader.load(table));

        assertThat(again.server(rotating)).as("context for unchanged files").isSameAs(before.server(rotating));
        assertThat(after.server(rotating)).as("context after the certificate changed").isNotSameAs(before.server(rotating));
        assertThat(after.server(steady)).as("context of the other, unchanged chain").isSameAs(before.server(steady));
    }

    @Test
    void cacheKeepsProvidersApart() {
        TlsContextCache cache = new TlsContextCache();
        ServerTlsSettings settings = simple(app.files());
        RoutingTable table = table(List.of(settings), List.of());

        SslContext jdk = loaded(new TlsContextLoader(TlsProvider.JDK, cache, Clock.systemUTC()).load(table)).server(settings);
        SslContext auto = loaded(new TlsContextLoader(TlsProvider.AUTO, cache, Clock.systemUTC()).load(table)).server(settings);

        assertThat(jdk.isServer()).isTrue();
        assertThat(cache.size()).isEqualTo(OpenSsl.isAvailable() ? 2 : 1);
        assertThat(auto == jdk).isEqualTo(!OpenSsl.isAvailable());
    }

    @Test
    void failedBuildsAreNotCached() throws Exception {
        TlsContextCache cache = new TlsContextCache();
        Path chain = directory.resolve("late.crt");
        Files.deleteIfExists(chain);
        ServerTlsSettings settings = simple(new CertificateFiles(chain, app.pkcs8KeyFile(), Optional.empty(), "late"));
        TlsContextLoader loader = new TlsContextLoader(TlsProvider.JDK, cache, Clock.systemUTC());

        TlsLoadResult missing = loader.load(table(List.of(settings), List.of()));
        Files.copy(app.chainFile(), chain);
        TlsLoadResult present = loader.load(table(List.of(settings), List.of()));

        assertThat(missing).isInstanceOf(TlsLoadResult.Rejected.class);
        assertThat(present).isInstanceOf(TlsLoadResult.Loaded.class);
    }

    @Test
    void loadAsyncRunsOnTheGivenExecutor() throws Exception {
        ExecutorService config = Executors.newSingleThreadExecutor(runnable -> new Thread(runnable, "config-thread"));
        try {
            TlsLoadResult result = new TlsContextLoader(TlsProvider.JDK, new TlsContextCache(), Clock.systemUTC())
                    .loadAsync(table(List.of(simple(app.files())), List.of()), command -> config.execute(() -> {
                        assertThat(Thread.currentThread().getName()).isEqualTo("config-thread");
                        command.run();
                    }))
                    .get(30, TimeUnit.SECONDS);
            assertThat(result).isInstanceOf(TlsLoadResult.Loaded.class);
        } finally {
            config.shutdownNow();
        }
    }

    @Test
    void contextsRefuseSettingsOfAnotherSnapshot() {
        TlsContexts contexts = loaded(TlsTables.load(TlsProvider.JDK, List.of(simple(app.files())), List.of()));

        assertThatThrownBy(() -> contexts.server(simple(api.files()))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("server TLS settings: ");
    }

    @Test
    void tableWithoutTlsLoadsEmpty() {
        TlsLoadResult result = TlsTables.load(TlsProvider.JDK, List.of(), List.of());

        assertThat(result).isInstanceOf(TlsLoadResult.Loaded.class);
        assertThat(result.warnings()).isEmpty();
    }

    @Test
    void autoPrefersOpenSslWhenItLoads() {
        assertThat(TlsProvider.AUTO.sslProvider()).isEqualTo(OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK);
        assertThat(TlsProvider.fromFlag(" OpenSSL ")).isEqualTo(TlsProvider.OPENSSL);
        assertThatThrownBy(() -> TlsProvider.fromFlag("boring")).hasMessage("TLS provider: boring (expected: auto, openssl or jdk)");
    }
}
