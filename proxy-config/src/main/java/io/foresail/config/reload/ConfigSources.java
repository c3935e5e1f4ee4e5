package io.foresail.config.reload;

import io.foresail.config.model.ConfigCodes;
import io.foresail.config.model.ConfigError;
import io.foresail.config.model.ConfigError.Severity;
import io.foresail.config.model.SourcePosition;
import io.foresail.config.yaml.YamlFile;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Expands the configured paths into the files to read, in load order: a file as given; a folder's
 * {@code *.yaml}/{@code *.yml} entries sorted by name, not recursive, skipping dot-entries (such
 * as Kubernetes' {@code ..data}) but following symlinks (such as {@code gateway.yaml -> ..data/gateway.yaml}).
 */
final class ConfigSources {

    static final long MAX_FILE_BYTES = 32L * 1024 * 1024;

    /** The files read, in load order, and the problems met finding or reading them. */
    record Read(List<YamlFile> files, List<ConfigError> errors) {
        Read {
            files = List.copyOf(files);
            errors = List.copyOf(errors);
        }
    }

    private ConfigSources() {
    }

    static Read read(List<Path> sources) {
        List<YamlFile> files = new ArrayList<>();
        List<ConfigError> errors = new ArrayList<>();
        for (Path source : sources) {
            if (Files.isDirectory(source)) {
                for (Path entry : entriesOf(source, errors)) {
                    readFile(entry, files, errors);
                }
            } else if (Files.exists(source)) {
                readFile(source, files, errors);
            } else {
                errors.add(error(source, "no such file or folder"));
            }
        }
        return new Read(files, errors);
    }

    private static List<Path> entriesOf(Path folder, List<ConfigError> errors) {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder)) {
            for (Path entry : stream) {
                String name = entry.getFileName().toString();
                if (!name.startsWith(".") && (name.endsWith(".yaml") || name.endsWith(".yml"))
                        && Files.isRegularFile(entry)) {
                    entries.add(entry);
                }
            }
        } catch (IOException e) {
            errors.add(error(folder, "cannot list folder: " + e.getMessage()));
        }
        entries.sort(Comparator.comparing(entry -> entry.getFileName().toString()));
        return entries;
    }

    private static void readFile(Path file, List<YamlFile> files, List<ConfigError> errors) {
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                errors.add(error(file, "file has " + size + " bytes (expected: at most " + MAX_FILE_BYTES + ")"));
                return;
            }
            files.add(new YamlFile(file.toString(), Files.readAllBytes(file)));
        } catch (IOException e) {
            errors.add(error(file, "cannot read file: " + e.getMessage()));
        }
    }

    private static ConfigError error(Path path, String message) {
        return new ConfigError(Severity.ERROR, SourcePosition.ofFile(path.toString()), "", "", message, ConfigCodes.UNREADABLE);
    }
}
