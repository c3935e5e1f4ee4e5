package io.foresail.tls.context;

import java.util.List;

/** Settings whose context cannot be built; carries every error found (never cached). */
final class RejectedSettingsException extends RuntimeException {

    private final transient List<TlsProblem> errors;
    private final transient List<TlsProblem> warnings;

    RejectedSettingsException(List<TlsProblem> errors, List<TlsProblem> warnings) {
        super(errors.toString(), null, false, false);
        this.errors = List.copyOf(errors);
        this.warnings = List.copyOf(warnings);
    }

    List<TlsProblem> errors() {
        return errors;
    }

    List<TlsProblem> warnings() {
        return warnings;
    }
}
