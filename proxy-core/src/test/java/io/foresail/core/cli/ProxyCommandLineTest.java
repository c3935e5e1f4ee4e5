package io.foresail.core.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.foresail.core.http.ServerHeader;
import io.foresail.core.accesslog.AccessLogFormat;
import io.foresail.core.server.TransportKind;
import io.foresail.tls.context.TlsProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProxyCommandLineTest {

    @TempDir
    Path dir;

    private Path config() throws IOException {
        return Files.writeString(dir.resolve("gateway.yaml"), "# empty\n");
    }

    private ProxyOptions run(String... args) throws UsageException {
        ProxyCommandLine.Request request = ProxyCommandLine.parse(List.of(args));
        assertThat(request).as("a runnable command line").isInstanceOf(ProxyCommandLine.Run.class);
        return ((ProxyCommandLine.Run) request).options();
    }

    @Test
    void defaultsMatchIstioGatewayPorts() throws Exception {
        ProxyOptions options = run("--config", config().toString());
        assertThat(options.statusPort()).isEqualTo(15021);
        assertThat(options.adminPort()).isEqualTo(15000);
        assertThat(options.metricsPort()).isEqualTo(15090);
        assertThat(options.mergedMetricsPort()).as("the port of the Istio chart's prometheus.io/port annotation")
                .isEqualTo(15020);
        assertThat(options.labels()).as("no --labels means every Gateway applies").isEmpty();
    }

    @Test
    void mergedMetricsPortZeroDisablesIt() throws Exception {
        assertThat(run("--config", config().toString(), "--merged-metrics-port", "0").mergedMetricsPort())
                .as("0 disables the merged metrics port").isZero();
    }

    @Test
    void tlsDefaultsAreNoSecretsAutoProviderAndTwoSecondChecks() throws Exception {
        ProxyOptions options = run("--config", config().toString());
        assertThat(options.secretsDirectory()).as("no --secrets-dir: credentialName is an error").isEmpty();
        assertThat(options.tlsProvider()).isEqualTo(TlsProvider.AUTO);
        assertThat(options.certificateCheckInterval()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void drainDefaultsAreIstiosFiveSecondsThenTwentyInsideTheThirtySecondGrace() throws Exception {
        ProxyOptions options = run("--config", config().toString());
        assertThat(options.drainDelay()).as("--drain-delay, Istio's terminationDrainDuration").isEqualTo(Duration.ofSeconds(5));
        assertThat(options.drainTimeout()).as("--drain-timeout").isEqualTo(Duration.ofSeconds(20));
        assertThat(options.drainDelay().plus(options.drainTimeout())).as("below Kubernetes' default grace period")
                .isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void acceptsDrainDelayAndTimeout() throws Exception {
        ProxyOptions options = run("--config", config().toString(), "--drain-delay", "300ms", "--drain-timeout=1m");
        assertThat(options.drainDelay()).isEqualTo(Duration.ofMillis(300));
        assertThat(options.drainTimeout()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void logDefaultsAreTextAtInfo() throws Exception {
        ProxyOptions options = run("--config", config().toString());
        assertThat(options.logFormat()).isEqualTo(LogFormat.TEXT);
        assertThat(options.logLevel()).isEqualTo(java.util.logging.Level.INFO);
    }

    @Test
    void acceptsJsonLogFormatAndEnvoyLogLevel() throws Exception {
        ProxyOptions options = run("--config", config().toString(), "--log-format", "json", "--log-level", "warn");
        assertThat(options.logFormat()).isEqualTo(LogFormat.JSON);
        assertThat(options.logLevel()).isEqualTo(java.util.logging.Level.WARNING);
    }

    @Test
    void rejectsUnknownLogLevel() {
        assertThatThrownBy(() -> run("--config", config().toString(), "--log-level", "loud"))
                .isInstanceOf(UsageException.class)
                .hasMessage("--log-level loud: unknown log level (expected: trace, debug, info, warning, error, critical or off)");
    }

    @Test
    void rejectsUnknownLogFormat() {
        assertThatThrownBy(() -> run("--config", config().toString(), "--log-format", "xml"))
                .isInstanceOf(UsageException.class).hasMessage("--log-format xml: unknown log format (expected: text or json)");
    }

    @Test
    void acceptsSecretsDirFolder() throws Exception {
        Path secrets = Files.createDirectory(dir.resolve("secrets"));
        assertThat(run("--config", config().toString(), "--secrets-dir", secrets.toString()).secretsDirectory())
                .contains(secrets);
    }

    @Test
    void rejectsSecretsDirThatIsMissing() {
        Path missing = dir.resolve("absent");
        assertThatThrownBy(() -> ProxyCommandLine.parse(List.of("--config", config().toString(), "--secrets-dir", missing.toString())))
                .isInstanceOf(UsageException.class).hasMessage("--secrets-dir " + missing + ": no such folder");
    }

    @Test
    void rejectsSecretsDirThatIsAFile() throws Exception {
        Path file = config();
        assertThatThrownBy(() -> ProxyCommandLine.parse(List.of("--config", file.toString(), "--secrets-dir=" + file)))
                .isInstanceOf(UsageException.class).hasMessage("--secrets-dir " + file + ": not a folder");
    }

    @Test
    void parsesTlsProviderInAnyCase() throws Exception {
        assertThat(run("--config", config().toString(), "--tls-provider", "jdk").tlsProvider()).isEqualTo(TlsProvider.JDK);
        assertThat(run("--config", config().toString(), "--tls-provider=OpenSSL").tlsProvider()).isEqualTo(TlsProvider.OPENSSL);
        assertThat(run("--config", config().toString(), "--tls-provider", "auto").tlsProvider()).isEqualTo(TlsProvider.AUTO);
    }

    @Test
    void rejectsUnknownTlsProvider() {
        assertThatThrownBy(() -> ProxyCommandLine.parse(List.of("--config", config().toString(), "--tls-provider", "gnutls")))
                .isInstanceOf(UsageException.class)
                .hasMessage("--tls-provider gnutls: unknown TLS provider (expected: auto, openssl or jdk)");
    }

    @Test
    void transportDefaultsToAutoWithOneEventLoopPerProcessor() throws Exception {
        ProxyOptions options = run("--config", config().toString());
        assertThat(options.transport()).isEqualTo(TransportKind.AUTO);
        assertThat(options.eventLoops()).as("0 means one per available processor").isZero();
    }

    @Test
    void parsesTransportAndEventLoops() throws Exception {
        ProxyOptions options = run("--config", config().toString(), "--transport", "io_uring", "--event-loops=3");
        assertThat(options.transport()).isEqualTo(TransportKind.IO_URING);
        assertThat(options.eventLoops()).isEqualTo(3);
        assertThat(run("--config", config().toString(), "--transport=EPOLL").transport()).isEqualTo(TransportKind.EPOLL);
        assertThat(run("--config", config().toString(), "--transport", "nio").transport()).isEqualTo(TransportKind.NIO);
    }

    @Test
    void serverHeaderDefaultsToOverwriteAndParsesEachMode() throws Exception {
        assertThat(run("--config", config().toString()).serverHeader()).as("Istio overwrites with istio-envoy")
                .isEqualTo(ServerHeader.OVERWRITE);
        assertThat(run("--config", config().toString(), "--server-header", "append-if-absent").serverHeader())
                .isEqualTo(ServerHeader.APPEND_IF_ABSENT);
        assertThat(run("--config", config().toString(), "--server-header=pass-through").serverHeader())
                .isEqualTo(ServerHeader.PASS_THROUGH);
    }

    @Test
    void rejectsUnknownServerHeaderMode() {
        assertThatThrownBy(() -> ProxyCommandLine.parse(List.of("--config", config().toString(), "--server-header", "drop")))
                .isInstanceOf(UsageException.class)
                .hasMessage("--server-header drop: unknown server header mode (expected: overwrite, append-if-absent or pass-through)");
    }

    @Test
    void rejectsUnknownTransport() {
        assertThatThrownBy(() -> ProxyCommandLine.parse(List.of("--config", config().toString(), "--transport", "kqueue")))
                .isInstanceOf(UsageException.class)
                .hasMessage("--transport kqueue: unknown transport (expected: auto, io_uring, epoll or nio)");
    }

    @Test
    void rejectsEventLoopsThatAreNotACount() {
        assertThatThrownBy(() -> ProxyCommandLine.parse(List.of("--config", config().toString(), "--event-loops", "-1")))
                .isInstanceOf(UsageException.class)
                .hasMessage("--event-loops -1: not a count (expected: 0..1024, 0: one per available processor)");
    }

    @Test
    void parsesCertificateCheckIntervalUnits() throws Exception {
        assertThat(run("--config", config().toString(), "--certificate-check-interval", "500ms").certificateCheckInterval())
                .isEqualTo(Duration.ofMillis(500));
        assertThat(run("--config", config().toString(), "--certificate-check-interval=30s").certificateCheckInterval())
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(run("--config", config().toString(), "--certificate-check-interval", "1m").certificateCheckInterval())
                .isEqualTo(Duration.ofMinutes(1));
        assertThat(run("--config", config().toString(), "--certificate-check-interval", "0").certificateCheckInterval())
                .as("0 disables the checks").isZero();
    }

    @Test
    void configCheckIntervalDefaultsToAQuarterSecondAndZeroDisablesIt() throws Exception {
        assertThat(run("--config", config().toString()).configCheckInterval()).as("default")
                .isEqualTo(Duration.ofMillis(250));
        assertThat(run("--config", config().toString(), "--config-check-interval", "1s").configCheckInterval())
                .isEqualTo(Duration.ofSeconds(1));
        assertThat(run("--config", config().toString(), "--config-check-interval=0").configCheckInterval())
                .as("0 disables hot reload").isZero();
    }

    @Test
    void rejectsCertificateCheckIntervalWithoutUnit() {
        for (String value : List.of("2", "-1s", "2h", "fast")) {
            assertThatThrownBy(() -> ProxyCommandLine.parse(List.of("--config", config().toString(),
                    "--certificate-check-interval", value)))
                    .as(value).isInstanceOf(UsageException.class)
                    .hasMessageStartingWith("--certificate-check-interval " + value + ": not a duration");
        }
    }

    @Test
    void acceptsRepeatedConfigsInOrderAndEqualsForm() throws Exception {
        Path first = config();
        Path second = Files.createDirectory(dir.resolve("more"));
        ProxyOptions options = run("--config=" + first, "--config", second.toString(), "--status-port=0");
        assertThat(options.configs()).containsExactly(first, second);
        assertThat(options.statusPort()).as("0 disables the status port").isZero();
    }

    @Test
    void parsesLabels() throws Exception {
        ProxyOptions options = run("--config", config().toString(), "--labels", "istio=ingressgateway, app=edge");
        assertThat(options.labels()).contains(Map.of("istio", "ingressgateway", "app", "edge"));
    }

    @Test
    void rejectsUnknownFlag() {
        assertThatThrownBy(() -> ProxyCommandLine.parse(List.of("--config", config().toString(), "--frobnicate")))
                .isInstanceOf(UsageException.class).hasMessage("unknown flag: --frobnicate");
    }

    @Test
    void rejectsMissingConfigFile() {
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> ProxyCommandLine.parse(List.of("--config", missing.toString())))
                .isInstanceOf(UsageException.class).hasMessage("--config " + missing + ": no such file or folder");
    }

    @Test
    void rejectsNoConfig() {
        assertThatThrownBy(() -> ProxyCommandLine.parse(List.of("--admin-port", "1")))
                .isInstanceOf(UsageException.class).hasMessageStartingWith("missing --config");
    }

    @Test
    void rejectsPortOutOfRange() {
        assertThatThrownBy(() -> ProxyCommandLine.parse(List.of("--config", config().toString(), "--metrics-port", "70000")))
                .isInstanceOf(UsageException.class).hasMessageContaining("--metrics-port 70000: not a port");
    }

    @Test
    void rejectsFlagWithoutValue() {
        assertThatThrownBy(() -> ProxyCommandLine.parse(List.of("--config")))
                .isInstanceOf(UsageException.class).hasMessage("--config: missing value");
    }

    @Test
    void rejectsMalformedLabel() {
        assertThatThrownBy(() -> ProxyCommandLine.parse(List.of("--config", config().toString(), "--labels", "a=b,c")))
                .isInstanceOf(UsageException.class).hasMessageContaining("'c' is not key=value");
    }

    @Test
    void helpAndVersionWinOverOtherFlags() throws Exception {
        assertThat(ProxyCommandLine.parse(List.of("--help", "--bogus"))).isInstanceOf(ProxyCommandLine.Help.class);
        assertThat(ProxyCommandLine.parse(List.of("--version"))).isInstanceOf(ProxyCommandLine.Version.class);
    }

    @Test
    void accessLogDefaultsToIstioTextFormat() throws Exception {
        assertThat(run("--config", config().toString()).accessLog()).as("an Istio gateway logs every request by default")
                .contains(AccessLogFormat.TEXT);
    }

    @Test
    void parsesAccessLogFormatsInAnyCaseAndOff() throws Exception {
        assertThat(run("--config", config().toString(), "--access-log", "json").accessLog()).contains(AccessLogFormat.JSON);
        assertThat(run("--config", config().toString(), "--access-log=Text").accessLog()).contains(AccessLogFormat.TEXT);
        assertThat(run("--config", config().toString(), "--access-log", "OFF").accessLog()).as("off: no access log").isEmpty();
    }

    @Test
    void rejectsUnknownAccessLogFormat() {
        assertThatThrownBy(() -> ProxyCommandLine.parse(List.of("--config", config().toString(), "--access-log", "yaml")))
                .isInstanceOf(UsageException.class)
                .hasMessage("--access-log yaml: unknown access log format (expected: text, json or off)");
    }
}
