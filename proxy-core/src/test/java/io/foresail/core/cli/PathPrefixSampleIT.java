package io.foresail.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.foresail.core.testing.Closer;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code config-samples/path-prefix} started as its comments say (Gateway port 80 bound to an
 * ephemeral port here), answering as they say: /authz to authz, /api to atlas-rest, the rest to
 * atlas-ui, for any host name.
 */
class PathPrefixSampleIT {

    private static final int PORT = 80;

    @RegisterExtension
    final Closer closer = new Closer();

    @TempDir
    Path dir;

    private RunningSample sample;

    @BeforeEach
    void start() throws Exception {
        sample = closer.register(RunningSample.start("path-prefix", dir));
    }

    @Test
    void rootAndOtherPathsReachAtlasUi() throws Exception {
        assertThat(sample.answer(PORT, "localhost", "/")).isEqualTo("atlas-ui");
        assertThat(sample.answer(PORT, "localhost", "/index.html")).isEqualTo("atlas-ui");
    }

    @Test
    void authzPathsReachAuthz() throws Exception {
        assertThat(sample.answer(PORT, "localhost", "/authz")).isEqualTo("authz");
        assertThat(sample.answer(PORT, "localhost", "/authz/login")).isEqualTo("authz");
    }

    @Test
    void lookalikePathsStayOnAtlasUi() throws Exception {
        assertThat(sample.answer(PORT, "localhost", "/authzadmin")).as("not under /authz/").isEqualTo("atlas-ui");
    }

    @Test
    void apiPathsReachAtlasRest() throws Exception {
        assertThat(sample.answer(PORT, "localhost", "/api/v1/projects")).isEqualTo("atlas-rest");
    }

    @Test
    void pathsReachTheBackendUnchanged() throws Exception {
        assertThat(sample.get(PORT, "localhost", "/authz/login").bodyText().lines())
                .as("the echo's second line is the request line it received")
                .element(1).isEqualTo("GET /authz/login HTTP/1.1");
    }

    @Test
    void anyHostNameIsServed() throws Exception {
        assertThat(sample.answer(PORT, "atlas.example.com", "/api")).isEqualTo("atlas-rest");
        assertThat(sample.answer(PORT, "10.0.0.7:31380", "/authz/login")).isEqualTo("authz");
    }
}
