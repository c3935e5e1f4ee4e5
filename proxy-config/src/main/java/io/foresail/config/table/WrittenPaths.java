package io.foresail.config.table;

import io.foresail.config.model.IstioResource;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * File paths written in a resource ({@code serverCertificate}, {@code caCertificates}, ...): an
 * absolute path as written; a relative one against the folder of the YAML file that wrote it, so
 * a configuration folder can carry its certificates along.
 */
final class WrittenPaths {

    private WrittenPaths() {
    }

    /** The path {@code written} at {@code fieldPath} of {@code resource}, or empty when it is not a valid path. */
    static Optional<Path> resolve(IstioResource resource, String fieldPath, String written) {
        try {
            Path path = Path.of(written);
            if (path.isAbsolute()) {
                return Optional.of(path);
            }
            Path folder = Path.of(resource.positions().of(fieldPath).file()).getParent();
            return Optional.of(folder == null ? path : folder.resolve(path));
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }
}
