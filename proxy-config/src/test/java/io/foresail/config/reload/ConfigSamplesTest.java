package io.foresail.config.reload;

import io.foresail.config.testing.SampleFolders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The repository's {@code config-samples/} must always load cleanly: each top-level YAML file,
 * and each sample folder as {@code --config <folder>} loads it.
 */
class ConfigSamplesTest {

    @Test
    void everySampleFileLoadsWithoutFindings() {
        List<Path> files = SampleFolders.files();
        assertThat(files).as("YAML files in %s", SampleFolders.ROOT.toAbsolutePath()).isNotEmpty();

        for (Path file : files) {
            assertLoadsWithoutFindings(file);
        }
    }

    @Test
    void everySampleFolderLoadsWithoutFindings() {
        List<Path> folders = SampleFolders.folders();
        assertThat(folders).as("sample folders in %s", SampleFolders.ROOT.toAbsolutePath())
                .extracting(folder -> folder.getFileName().toString())
                .contains("bookinfo", "bookinfo-tls", "gateway-sets", "path-prefix");

        for (Path folder : folders) {
            assertLoadsWithoutFindings(folder);
        }
    }

    @Test
    void sampleFoldersHoldOnlyYamlFilesAndSubfoldersWithoutYamlBecauseFoldersAreNotReadRecursively() {
        for (Path folder : SampleFolders.folders()) {
            assertThat(SampleFolders.entries(folder))
                    .as("entries of %s (a folder is loaded without its subfolders; other files are ignored)", folder)
                    .isNotEmpty()
                    .allSatisfy(entry -> {
                        if (Files.isDirectory(entry)) {
                            assertThat(yamlBelow(entry)).as("YAML files in %s, which is not loaded", entry).isEmpty();
                        } else {
                            assertThat(SampleFolders.isYaml(entry)).as("%s is a .yaml/.yml file", entry).isTrue();
                        }
                    });
        }
    }

    @Test
    void everyFolderSampleFileStartsWithACommentNamingTheCommandThatRunsIt() throws IOException {
        for (Path folder : SampleFolders.folders()) {
            String command = "java -jar proxy-core/target/proxy.jar --config config-samples/" + folder.getFileName();
            for (Path file : SampleFolders.entries(folder).stream().filter(Files::isRegularFile).toList()) {
                String text = Files.readString(file);
                assertThat(text).as("%s starts with a comment block", file).startsWith("# ");
                assertThat(headerOf(text)).as("header comment of %s", file)
                        .contains(command)
                        .contains("java -jar proxy-core/target/proxy.jar echo --listen");
            }
        }
    }

    /** Loads {@code source} as its header says: with {@code --secrets-dir <folder>/secrets} when the sample has one. */
    private static void assertLoadsWithoutFindings(Path source) {
        Optional<Path> secrets = Optional.of(source.resolve(SampleFolders.SECRETS)).filter(Files::isDirectory);
        LoadResult result = new ConfigLoader(Optional.empty(), secrets).load(List.of(source));
        assertThat(result.findings()).as("findings loading %s", source).isEmpty();
        assertThat(result).as("result for %s", source).isInstanceOf(LoadResult.Loaded.class);
        assertThat(((LoadResult.Loaded) result).table().ports()).as("ports of %s", source).isNotEmpty();
    }

    private static List<Path> yamlBelow(Path folder) {
        try (var files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).filter(SampleFolders::isYaml).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The leading comment lines of a YAML file. */
    private static String headerOf(String text) {
        List<String> header = new ArrayList<>();
        for (String line : text.lines().toList()) {
            if (!line.startsWith("#")) {
                break;
            }
            header.add(line);
        }
        return String.join("\n", header);
    }
}
