package io.foresail.tls.context;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Errors and warnings collected for one settings object while its context is built. */
final class Problems {

    private final String source;
    private final List<TlsProblem> errors = new ArrayList<>();
    private final List<TlsProblem> warnings = new ArrayList<>();

    Problems(String source) {
        this.source = source;
    }

    void error(Path file, String fault) {
        errors.add(new TlsProblem(source, Optional.ofNullable(file), fault));
    }

    void warning(Path file, String fault) {
        warnings.add(new TlsProblem(source, Optional.ofNullable(file), fault));
    }

    boolean hasErrors() {
        return !errors.isEmpty();
    }

    List<TlsProblem> errors() {
        return List.copyOf(errors);
    }

    List<TlsProblem> warnings() {
        return List.copyOf(warnings);
    }

    /** Throws the collected errors, if any, so the settings get no context. */
    void throwIfErrors() {
        if (hasErrors()) {
            throw new RejectedSettingsException(errors(), warnings());
        }
    }
}
