package io.foresail.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.foresail.tls.testing.TestPki;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code validate}: what a user sees for clean, warned and broken configs, in text and json, and the exit codes. */
class ValidateCommandIT {

    private static final String GATEWAY = """
            apiVersion: networking.istio.io/v1
            kind: Gateway
            metadata: {name: edge}
            spec:
              servers:
              - port: {number: 8080, name: http, protocol: HTTP}
                hosts: ["*"]
            """;

    private static final String SERVICE = """
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: {name: echo}
            spec:
              hosts: [echo.local]
              resolution: STATIC
              ports:
              - {number: 80, name: http, protocol: HTTP}
              endpoints:
              - address: 127.0.0.1
            """;

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int validate(String... args) {
        return ValidateCommand.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private Path config(String yaml) throws Exception {
        return Files.writeString(dir.resolve("config.yaml"), yaml);
    }

    private static String virtualService(String destinationHost) {
        return """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: vs}
                spec:
                  hosts: [a.example.com]
                  gateways: [edge]
                  http:
                  - route:
                    - destination: {host: %s}
                """.formatted(destinationHost);
    }

    @Test
    void cleanConfigExitsZeroAndPrintsNothingOnStdout() throws Exception {
        Path config = config(GATEWAY + "---\n" + SERVICE + "---\n" + virtualService("echo.local"));

        assertThat(validate("--config", config.toString())).as("stderr: %s", stderr()).isZero();
        assertThat(stdout()).isEmpty();
        assertThat(stderr()).contains("configuration is valid");
    }

    @Test
    void warningsAloneExitZeroOneLinePerFinding() throws Exception {
        Path config = config(GATEWAY + "---\n" + virtualService("missing.local"));

        assertThat(validate("--config", config.toString())).isZero();
        assertThat(stdout()).isEqualTo("WARNING IST0101 " + config + ":17 VirtualService/default/vs: "
                + "spec.http[0].route[0].destination.host: destination host missing.local is not defined by any "
                + "ServiceEntry (requests get 503 NC)\n");
    }

    @Test
    void errorsExitOneWithSeverityCodeFileLineResourceAndField() throws Exception {
        Path config = config(GATEWAY.replace("number: 8080", "number: 70000"));

        assertThat(validate("--config", config.toString())).isEqualTo(1);
        assertThat(stdout()).startsWith("ERROR IST0106 " + config + ":6 Gateway/default/edge: spec.servers[0].port.number: ");
        assertThat(stderr()).contains("configuration is invalid (1 errors");
    }

    @Test
    void jsonOutputIsAnArrayOfFindingObjects() throws Exception {
        Path config = config(GATEWAY + "---\n" + virtualService("missing.local"));

        assertThat(validate("--config", config.toString(), "--output", "json")).isZero();
        assertThat(stdout()).isEqualTo("[\n  {\"severity\":\"WARNING\",\"code\":\"IST0101\",\"file\":\"" + config
                + "\",\"line\":17,\"resource\":\"VirtualService/default/vs\","
                + "\"field\":\"spec.http[0].route[0].destination.host\",\"message\":\"destination host missing.local "
                + "is not defined by any ServiceEntry (requests get 503 NC)\"}\n]\n");
    }

    @Test
    void jsonOutputOfACleanConfigIsAnEmptyArray() throws Exception {
        Path config = config(GATEWAY);

        assertThat(validate("--config", config.toString(), "--output=json")).isZero();
        assertThat(stdout()).isEqualTo("[]\n");
    }

    @Test
    void keyNotMatchingCertificateIsIst0161NamingTheFile() throws Exception {
        TestPki pki = TestPki.create(dir);
        TestPki.Issued served = pki.server("edge.example.com");
        TestPki.Issued other = pki.server("other.example.com");
        Path config = config(httpsGateway("serverCertificate: " + served.chainFile() + ", privateKey: " + other.pkcs8KeyFile()));

        assertThat(validate("--config", config.toString())).as("stdout: %s", stdout()).isEqualTo(1);
        assertThat(stdout()).startsWith("ERROR IST0161 ").contains(other.pkcs8KeyFile().toString());
        assertThat(stdout()).as("never key material").doesNotContain("PRIVATE KEY");
    }

    @Test
    void missingCertificateFileIsAnError() throws Exception {
        Path config = config(httpsGateway("serverCertificate: " + dir.resolve("absent.crt")
                + ", privateKey: " + dir.resolve("absent.key")));

        assertThat(validate("--config", config.toString())).as("stdout: %s", stdout()).isEqualTo(1);
        assertThat(stdout()).startsWith("ERROR IST0161 ").contains("absent.crt");
    }

    @Test
    void credentialNameMissingFromSecretsDirIsIst0101() throws Exception {
        Path secrets = Files.createDirectories(dir.resolve("secrets"));
        Path config = config(httpsGateway("credentialName: edge-credential"));

        assertThat(validate("--config", config.toString(), "--secrets-dir", secrets.toString())).isEqualTo(1);
        assertThat(stdout()).startsWith("ERROR IST0101 " + config + ":8 Gateway/default/edge: spec.servers[0].tls.credentialName: ");
    }

    @Test
    void compileFindingsShowAlongsideSchemaErrorsOfOtherResources() throws Exception {
        Path secrets = Files.createDirectories(dir.resolve("secrets"));
        Path config = config(httpsGateway("credentialName: edge-credential") + "---\n"
                + SERVICE.replace("number: 80,", "number: 70000,"));

        assertThat(validate("--config", config.toString(), "--secrets-dir", secrets.toString())).isEqualTo(1);
        assertThat(stdout()).as("the schema error and the compiler's finding on the Gateway")
                .contains("ERROR IST0106 " + config + ":17 ServiceEntry/default/echo: spec.ports[0].number: ")
                .contains("ERROR IST0101 " + config + ":8 Gateway/default/edge: spec.servers[0].tls.credentialName: ");
        assertThat(stderr()).as("the resources left out of the later checks are named")
                .contains("1 resource(s) with errors were left out of the compile and TLS checks, which ran on the rest")
                .contains(": ServiceEntry/default/echo\n");
    }

    @Test
    void tlsFindingsShowAlongsideSchemaErrorsOfOtherResources() throws Exception {
        Path config = config(httpsGateway("serverCertificate: " + dir.resolve("absent.crt")
                + ", privateKey: " + dir.resolve("absent.key")) + "---\n" + SERVICE.replace("number: 80,", "number: 70000,"));

        assertThat(validate("--config", config.toString())).isEqualTo(1);
        assertThat(stdout()).as("the schema error and the missing certificate file").contains("ERROR IST0106 ")
                .contains("ERROR IST0161 ").contains("absent.crt");
    }

    @Test
    void onlyGatewaysSelectedByTheLabelsCountForConflicts() throws Exception {
        Path config = config("""
                apiVersion: networking.istio.io/v1
                kind: Gateway
                metadata: {name: production-public}
                spec:
                  selector: {istio: production-public}
                  servers:
                  - port: {number: 8080, name: http, protocol: HTTP}
                    hosts: [shop.example.com]
                ---
                apiVersion: networking.istio.io/v1
                kind: Gateway
                metadata: {name: staging-public}
                spec:
                  selector: {istio: staging-public}
                  servers:
                  - port: {number: 8080, name: http, protocol: HTTP}
                    hosts: [shop.example.com]
                """);

        assertThat(validate("--config", config.toString())).isZero();
        assertThat(validate("--config", config.toString(), "--labels", "istio=staging-public")).isZero();
        assertThat(stdout()).as("two deployments, then one Gateway selected").isEmpty();
    }

    @Test
    void unknownFlagExitsTwoWithUsage() {
        assertThat(validate("--bogus")).isEqualTo(2);
        assertThat(stderr()).startsWith("foresail validate: unknown flag: --bogus\n").contains("Usage:");
    }

    @Test
    void missingConfigExitsTwo() {
        assertThat(validate()).isEqualTo(2);
        assertThat(stderr()).contains("missing --config");
    }

    @Test
    void configPathThatDoesNotExistExitsTwo() {
        assertThat(validate("--config", dir.resolve("absent.yaml").toString())).isEqualTo(2);
        assertThat(stderr()).contains("no such file or folder");
    }

    @Test
    void unknownOutputFormatExitsTwo() throws Exception {
        assertThat(validate("--config", config(GATEWAY).toString(), "--output", "yaml")).isEqualTo(2);
        assertThat(stderr()).contains("--output yaml: unknown format (expected: text or json)");
    }

    @Test
    void helpExitsZeroWithUsageOnStdout() {
        assertThat(validate("--help")).isZero();
        assertThat(stdout()).startsWith("Usage: java -jar proxy.jar validate");
    }

    private static String httpsGateway(String tls) {
        return """
                apiVersion: networking.istio.io/v1
                kind: Gateway
                metadata: {name: edge}
                spec:
                  servers:
                  - port: {number: 8443, name: https, protocol: HTTPS}
                    hosts: [edge.example.com]
                    tls: {mode: SIMPLE, %s}
                """.formatted(tls);
    }
}
