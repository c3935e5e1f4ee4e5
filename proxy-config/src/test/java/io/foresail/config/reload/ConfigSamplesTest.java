package io.foresail.config.reload;

import io.foresail.config.model.ConfigError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The repository's {@code config-samples/} folder must always load without errors. */
class ConfigSamplesTest {

    private static final Path SAMPLES = Path.of("..", "config-samples");

    @Test
    void everyConfigSampleLoadsWithoutErrors() throws IOException {
        List<Path> files;
        try (Stream<Path> entries = Files.list(SAMPLES)) {
            files = entries.filter(path -> path.toString().endsWith(".yaml") || path.toString().endsWith(".yml"))
                    .sorted().toList();
        }
        assertThat(files).as("YAML files in %s", SAMPLES.toAbsolutePath()).isNotEmpty();

        for (Path file : files) {
            LoadResult result = new ConfigLoader(Optional.empty()).load(List.of(file));
            assertThat(result.findings().stream().filter(ConfigError::isError))
                    .as("errors loading %s", file).isEmpty();
            assertThat(result).as("result for %s", file).isInstanceOf(LoadResult.Loaded.class);
            assertThat(((LoadResult.Loaded) result).table().ports()).as("ports of %s", file).isNotEmpty();
        }
    }
}
