package io.foresail.config.testing;

import io.foresail.config.reload.ConfigLoader;
import io.foresail.config.reload.LoadResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The repository's {@code config-samples/}: the single-file samples at its top level and the
 * sample folders below it, loaded the way {@code --config <path> [--labels ...]} loads them.
 */
public final class SampleFolders {

    /** {@code config-samples/}, seen from a module's folder (where Maven runs the tests). */
    public static final Path ROOT = Path.of("..", "config-samples");

    /** The subfolder of a sample that its header passes as {@code --secrets-dir}, when it has one. */
    public static final String SECRETS = "secrets";

    private SampleFolders() {
    }

    /** The YAML files directly in {@code config-samples/}, sorted. */
    public static List<Path> files() {
        return list(ROOT).filter(path -> Files.isRegularFile(path) && isYaml(path)).toList();
    }

    /** The sample folders in {@code config-samples/}, sorted. */
    public static List<Path> folders() {
        return list(ROOT).filter(Files::isDirectory).toList();
    }

    /** The entries of {@code folder}, sorted by name. */
    public static List<Path> entries(Path folder) {
        return list(folder).toList();
    }

    public static boolean isYaml(Path path) {
        String name = path.getFileName().toString();
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }

    /** Loads {@code config-samples/<sample>} with every Gateway applying (no {@code --labels}). */
    public static LoadResult load(String sample) {
        return new ConfigLoader(Optional.empty()).load(List.of(ROOT.resolve(sample)));
    }

    /** Loads {@code config-samples/<sample>} with {@code --secrets-dir config-samples/<sample>/secrets}. */
    public static LoadResult loadWithSecrets(String sample) {
        return new ConfigLoader(Optional.empty(), Optional.of(ROOT.resolve(sample).resolve(SECRETS)))
                .load(List.of(ROOT.resolve(sample)));
    }

    /** Loads {@code config-samples/<sample>} as a proxy started with {@code --labels} {@code labels}. */
    public static LoadResult load(String sample, Map<String, String> labels) {
        return new ConfigLoader(Optional.of(labels)).load(List.of(ROOT.resolve(sample)));
    }

    private static Stream<Path> list(Path folder) {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.sorted().toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
