package io.foresail.config.reload;

import io.foresail.config.model.ConfigError;
import io.foresail.config.testing.ConfigFixture;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.foresail.config.testing.ConfigFixture.ECHO_SERVICE;
import static org.assertj.core.api.Assertions.assertThat;

class ConfigCheckTest {

    /** Two plaintext TCP servers on one port: compilation skips the second (FS0201). */
    private static final String GATEWAY = """
            apiVersion: networking.istio.io/v1
            kind: Gateway
            metadata: {name: edge}
            spec:
              servers:
              - port: {number: 8080, name: http, protocol: HTTP}
                hosts: ["*"]
              - port: {number: 8080, name: tcp, protocol: TCP}
                hosts: ["*"]
            ---
            """;

    private static final String BROKEN_VIRTUAL_SERVICE = """
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: broken}
            spec:
              hosts: [a.example.com]
              gateways: [edge]
              http:
              - route:
                - destination: {host: echo.local}
                  weight: -5
            """;

    @TempDir
    Path folder;

    private ConfigCheck.Result check(String yaml) {
        Path file = new ConfigFixture(folder).write("config.yaml", yaml);
        return new ConfigCheck(Optional.empty(), Optional.empty()).check(List.of(file));
    }

    @Test
    void compileFindingsOfTheValidResourcesShowWhenAnotherHasAnError() {
        ConfigCheck.Result result = check(GATEWAY + ECHO_SERVICE + BROKEN_VIRTUAL_SERVICE);

        assertThat(result.findings()).as("findings").extracting(ConfigError::code).contains("IST0106", "FS0201");
        assertThat(result.leftOut()).as("resources left out of compilation").containsExactly("VirtualService/default/broken");
        assertThat(result.table()).as("the table of the rest, for the TLS checks").isPresent();
    }

    @Test
    void aConfigWithoutErrorsLeavesNothingOutAndFindsWhatTheLoaderFinds() {
        String yaml = GATEWAY + ECHO_SERVICE;
        Path file = new ConfigFixture(folder).write("config.yaml", yaml);

        ConfigCheck.Result result = new ConfigCheck(Optional.empty(), Optional.empty()).check(List.of(file));

        assertThat(result.leftOut()).as("left out").isEmpty();
        assertThat(result.findings()).as("findings, as the loader's")
                .isEqualTo(new ConfigLoader(Optional.empty()).load(List.of(file)).findings());
    }
}
