package io.foresail.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
    void helpExitsZeroWithUsageOnStdout() {
        assertThat(start("--help").exitCode()).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--config PATH", "--status-port", "--labels");
    }
}
