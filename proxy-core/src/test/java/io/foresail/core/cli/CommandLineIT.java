package io.foresail.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.foresail.tls.testing.TestPki;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start-up outcomes a user sees: exit codes and the messages that explain them. */
class CommandLineIT {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private Main.Started start(String... args) {
        Main.Started started = Main.start(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), true);
        if (started.proxy() != null) {
            started.proxy().close();
        }
        return started;
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void yamlSyntaxErrorExitsOneNamingFileAndLine() throws Exception {
        Path config = Files.writeString(dir.resolve("broken.yaml"), """
                apiVersion: networking.istio.io/v1
                kind: Gateway
                metadata:
                  name: edge
                spec: [unclosed
                """);
        assertThat(start("--config", config.toString()).exitCode()).isEqualTo(1);
        assertThat(stderr()).as("the error names the file and line").contains(config + ":").contains("ERROR");
        assertThat(stderr()).contains("invalid configuration");
    }

    @Test
    void invalidFieldExitsOneNamingFieldPath() throws Exception {
        Path config = Files.writeString(dir.resolve("gateway.yaml"), """
                apiVersion: networking.istio.io/v1
                kind: Gateway
                metadata:
                  name: edge
                spec:
                  servers:
                  - port:
                      number: 70000
                      name: http
                      protocol: HTTP
                    hosts: ["*"]
                """);
        assertThat(start("--config", config.toString()).exitCode()).isEqualTo(1);
        assertThat(stderr()).contains(config + ":8:").contains("Gateway/default/edge").contains("spec.servers[0].port.number");
    }

    @Test
    void unknownFlagExitsTwoWithUsage() {
        assertThat(start("--bogus").exitCode()).isEqualTo(2);
        assertThat(stderr()).startsWith("foresail: unknown flag: --bogus\n").contains("Usage:");
    }

    @Test
    void missingConfigFileExitsTwo() {
        assertThat(start("--config", dir.resolve("absent.yaml").toString()).exitCode()).isEqualTo(2);
        assertThat(stderr()).contains("no such file or folder");
    }

    @Test
    void missingSecretsDirExitsTwoWithUsage() throws Exception {
        Path config = Files.writeString(dir.resolve("gateway.yaml"), "# empty\n");
        assertThat(start("--config", config.toString(), "--secrets-dir", dir.resolve("absent").toString()).exitCode())
                .isEqualTo(2);
        assertThat(stderr()).contains("--secrets-dir").contains("no such folder").contains("Usage:");
    }

    @Test
    void unknownTlsProviderExitsTwoWithUsage() throws Exception {
        Path config = Files.writeString(dir.resolve("gateway.yaml"), "# empty\n");
        assertThat(start("--config", config.toString(), "--tls-provider", "schannel").exitCode()).isEqualTo(2);
        assertThat(stderr()).contains("--tls-provider schannel: unknown TLS provider").contains("Usage:");
    }

    @Test
    void keyNotMatchingCertificateExitsOneNamingFileWithoutKeyMaterial() throws Exception {
        TestPki pki = TestPki.create(dir);
        TestPki.Issued served = pki.server("edge.example.com");
        TestPki.Issued other = pki.server("other.example.com");
        Path config = Files.writeString(dir.resolve("gateway.yaml"), httpsGateway(
                "serverCertificate: " + served.chainFile() + "\n      privateKey: " + other.pkcs8KeyFile()));
        assertThat(start("--config", config.toString()).exitCode()).isEqualTo(1);
        assertThat(stderr()).as("each problem names its file, then a summary")
                .contains("ERROR").contains(other.pkcs8KeyFile().toString())
                .contains("foresail: invalid TLS configuration: 1 error (nothing is served)");
        assertThat(stderr()).as("never key material").doesNotContain("PRIVATE KEY")
                .doesNotContain(Files.readAllLines(other.pkcs8KeyFile()).get(1));
    }

    @Test
    void credentialNameIsReadFromSecretsDir() throws Exception {
        TestPki pki = TestPki.create(dir);
        TestPki.Issued served = pki.server("edge.example.com");
        Path secret = Files.createDirectories(dir.resolve("secrets").resolve("edge-credential"));
        Files.copy(served.chainFile(), secret.resolve("tls.crt"));
        Files.copy(served.pkcs8KeyFile(), secret.resolve("tls.key"));
        Path config = Files.writeString(dir.resolve("gateway.yaml"), httpsGateway("credentialName: edge-credential"));
        assertThat(start("--config", config.toString()).exitCode()).as("without --secrets-dir; stderr: %s", stderr())
                .isEqualTo(1);
        err.reset();
        assertThat(start("--config", config.toString(), "--secrets-dir", dir.resolve("secrets").toString()).exitCode())
                .as("with --secrets-dir; stderr: %s", stderr()).isZero();
    }

    @Test
    void readyLineNamesTheTlsProvider() throws Exception {
        Path config = Files.writeString(dir.resolve("gateway.yaml"), "# empty\n");
        Logger logger = Logger.getLogger(RunningProxy.class.getName());
        List<String> messages = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                messages.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(handler);
        try {
            assertThat(start("--config", config.toString(), "--tls-provider", "jdk").exitCode()).isZero();
        } finally {
            logger.removeHandler(handler);
        }
        assertThat(messages).as("log of RunningProxy").anySatisfy(message ->
                assertThat(message).contains(" ready:").contains("tls provider JDK;"));
    }

    /** Port 443 serving edge.example.com with {@code tls} (the lines under {@code mode: SIMPLE}), routed nowhere. */
    private static String httpsGateway(String tls) {
        return """
                apiVersion: networking.istio.io/v1
                kind: Gateway
                metadata:
                  name: edge
                spec:
                  servers:
                  - port:
                      number: 443
                      name: https
                      protocol: HTTPS
                    hosts: ["edge.example.com"]
                    tls:
                      mode: SIMPLE
                      %s
                """.formatted(tls);
    }

    @Test
    void helpExitsZeroWithUsageOnStdout() {
        assertThat(start("--help").exitCode()).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--config PATH", "--status-port", "--labels", "--secrets-dir",
                "--tls-provider", "--certificate-check-interval", "--access-log");
    }
}
